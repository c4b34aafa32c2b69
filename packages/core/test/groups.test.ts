import { describe, expect, it } from 'vitest';
import {
  AppError,
  buildPage,
  createGroup,
  listMyGroups,
  pageWindow,
  register,
  setUserLevel,
} from '../src/index.ts';
import { useCoreDeps } from './deps.ts';

let clock = new Date('2026-01-01T00:00:00Z');
const deps = useCoreDeps({ now: () => clock });
let phone = 13700000000;
const newUser = async () => (await register(deps, { username: String(++phone), password: 'password1' })).user;

describe('createGroup', () => {
  it('claims the code for the configured time, then lets another group take it', async () => {
    const owner = await newUser();
    const first = await createGroup(deps, owner._id, { name: 'first', code: '8080' });
    expect((await deps.db.groupCodes.findById('8080').lean())?.expiresAt).toEqual(
      new Date('2026-01-01T01:00:00Z'),
    );
    await expect(createGroup(deps, owner._id, { name: 'clash', code: '8080' })).rejects.toMatchObject({
      code: 'code_taken',
    });
    clock = new Date('2026-01-01T01:00:01Z');
    const second = await createGroup(deps, owner._id, { name: 'second', code: '8080' });
    expect((await deps.db.groupCodes.findById('8080').lean())?.groupId).toBe(second._id);
    expect(second._id).not.toBe(first._id);
  });

  it('treats a claim left by an abandoned pending group as free', async () => {
    const owner = await newUser();
    await deps.db.groups.create({
      _id: 900_001,
      name: 'crashed mid-create',
      code: '9090',
      codeExpiresAt: new Date(clock.getTime() + 3_600_000),
      cover: null,
      ownerId: owner._id,
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
    const group = await createGroup(deps, owner._id, { name: 'takes it over', code: '9090' });
    expect((await deps.db.groupCodes.findById('9090').lean())?.groupId).toBe(group._id);
  });
});

describe('listMyGroups + buildPage', () => {
  it('orders by the caller’s latest activity and links pages like Django REST Framework', async () => {
    const owner = await newUser();
    for (const name of ['one', 'two', 'three']) {
      clock = new Date(clock.getTime() + 1000);
      await createGroup(deps, owner._id, { name });
    }
    const query = { page: 2, page_size: 2 };
    const { count, groups } = await listMyGroups(deps, owner._id, query);
    expect(count).toBe(3);
    expect(groups.map((group) => group.name)).toEqual(['one']);
    const page = buildPage(pageWindow(query), count, groups, 'https://chat.example.com/api/im/group/', query);
    expect(page.previous).toBe('https://chat.example.com/api/im/group/?page_size=2');
    expect(page.next).toBeNull();
    expect(() => buildPage(pageWindow({ page: 3, page_size: 2 }), count, [], 'https://x.test/', {})).toThrow(
      AppError,
    );
  });
});

describe('setUserLevel (operator command)', () => {
  it('sets the certification level of a user found by phone number', async () => {
    const user = await newUser();
    const updated = await setUserLevel(deps, user.username, 'C');
    expect(updated.level).toBe('C');
    expect((await deps.db.users.findById(user._id).lean())?.level).toBe('C');
    await expect(setUserLevel(deps, '10000000000', 'A')).rejects.toMatchObject({ code: 'not_found' });
  });
});
