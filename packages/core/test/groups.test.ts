import { describe, expect, it, vi } from 'vitest';
import { anonymousCaller, createGroup, listGroups, register, setUserLevel } from '../src/index.ts';
import { callerWithToken, useCoreDeps } from '../src/testing.ts';

let clock = new Date('2026-01-01T00:00:00Z');
const deps = useCoreDeps({ now: () => clock });
const visitor = anonymousCaller('https://chat.example.com');
let phone = 13700000000;
const newCaller = async () => {
  const { token } = await register(deps, visitor, { username: String(++phone), password: 'password1' });
  return callerWithToken(deps, token);
};

describe('createGroup', () => {
  it('claims the code for the configured time, then lets another group take it', async () => {
    const owner = await newCaller();
    const first = await createGroup(deps, owner, { name: 'first', code: '8080' });
    expect(first).toMatchObject({ name: 'first', code: '8080' });
    expect((await deps.db.groupCodes.findById('8080').lean())?.expiresAt).toEqual(
      new Date('2026-01-01T01:00:00Z'),
    );
    await expect(createGroup(deps, owner, { name: 'clash', code: '8080' })).rejects.toMatchObject({
      code: 'code_taken',
    });
    clock = new Date('2026-01-01T01:00:01Z');
    const second = await createGroup(deps, owner, { name: 'second', code: '8080' });
    expect((await deps.db.groupCodes.findById('8080').lean())?.groupId).toBe(second.id);
    expect(second.id).not.toBe(first.id);
  });

  it('treats a claim left by an abandoned pending group as free', async () => {
    const owner = await newCaller();
    await deps.db.groups.create({
      _id: 900_001,
      name: 'crashed mid-create',
      code: '9090',
      codeExpiresAt: new Date(clock.getTime() + 3_600_000),
      cover: null,
      ownerId: owner.user._id,
      createdAt: new Date(clock.getTime() - 120_000),
      updatedAt: clock,
      status: 'pending',
      dismissedAt: null,
    });
    await deps.db.groupCodes.create({
      _id: '9090',
      groupId: 900_001,
      expiresAt: new Date(clock.getTime() + 3_600_000),
    });
    const group = await createGroup(deps, owner, { name: 'takes it over', code: '9090' });
    expect((await deps.db.groupCodes.findById('9090').lean())?.groupId).toBe(group.id);
  });
});

describe('listGroups', () => {
  it('does not count a group still being created, whose owner is already seated', async () => {
    const owner = await newCaller();
    await createGroup(deps, owner, { name: 'live one' });
    // Stop createGroup just before its group goes live: the owner's seat is written, the group still pending.
    const seen: { count: number; results: number }[] = [];
    const findOneAndUpdate = deps.db.groups.findOneAndUpdate.bind(deps.db.groups);
    const spy = vi.spyOn(deps.db.groups, 'findOneAndUpdate').mockImplementation(((
      ...args: Parameters<typeof findOneAndUpdate>
    ) => {
      const going = JSON.stringify(args[1]).includes('"live"');
      const before = going
        ? listGroups(deps, owner, {}).then((page) => {
            seen.push({ count: page.count, results: page.results.length });
          })
        : Promise.resolve();
      return { lean: () => before.then(() => findOneAndUpdate(...args).lean()) };
    }) as never);
    try {
      await createGroup(deps, owner, { name: 'being created' });
    } finally {
      spy.mockRestore();
    }
    expect(await deps.db.memberships.countDocuments({ userId: owner.user._id })).toBe(2);
    expect(seen).toEqual([{ count: 1, results: 1 }]);
    expect((await listGroups(deps, owner, {})).count).toBe(2);
  });

  it('orders by the caller’s latest activity and links pages like Django REST Framework', async () => {
    const owner = await newCaller();
    for (const name of ['one', 'two', 'three']) {
      clock = new Date(clock.getTime() + 1000);
      await createGroup(deps, owner, { name });
    }
    const page = await listGroups(deps, owner, { page: 2, page_size: 2 });
    expect(page.count).toBe(3);
    expect(page.results.map((group) => group.name)).toEqual(['one']);
    expect(page.previous).toBe('https://chat.example.com/api/im/group/?page_size=2');
    expect(page.next).toBeNull();
    await expect(listGroups(deps, owner, { page: 3, page_size: 2 })).rejects.toMatchObject({
      code: 'not_found',
      detail: 'invalid_page',
    });
  });
});

describe('setUserLevel (operator command)', () => {
  it('sets the certification level of a user found by phone number', async () => {
    const { user } = await newCaller();
    const { username } = (await deps.db.users.findById(user._id).lean())!;
    const updated = await setUserLevel(deps, username, 'C');
    expect(updated.level).toBe('C');
    expect((await deps.db.users.findById(user._id).lean())?.level).toBe('C');
    await expect(setUserLevel(deps, '10000000000', 'A')).rejects.toMatchObject({ code: 'not_found' });
  });
});
