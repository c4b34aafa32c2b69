// Governance rules at the core seam: every rank pair for kick, mute, ban and appointment, transfer, succession.
import type { Role } from '@groupchat/contracts';
import { countOutOfStepTargets } from '@groupchat/db';
import { describe, expect, it, vi } from 'vitest';
import {
  addAdmin,
  addMember,
  anonymousCaller,
  createGroup,
  kickMembers,
  listMembers,
  muteMember,
  quitGroup,
  register,
  retrieveGroup,
  transferOwnership,
  unmuteMember,
} from '../src/index.ts';
import { callerWithToken, useCoreDeps } from '../src/testing.ts';

const deps = useCoreDeps();
const visitor = anonymousCaller('https://chat.example.com');
let phone = 13500000000;
const newCaller = async () => {
  const { token } = await register(deps, visitor, { username: String(++phone), password: 'password1' });
  return callerWithToken(deps, token);
};
type Caller = Awaited<ReturnType<typeof newCaller>>;

/** A group with an owner, two admins and two members. */
async function staffedGroup() {
  const owner = await newCaller();
  const [admin, otherAdmin, member, otherMember] = [
    await newCaller(),
    await newCaller(),
    await newCaller(),
    await newCaller(),
  ];
  const group = await createGroup(deps, owner, { name: 'governed' });
  for (const user of [admin, otherAdmin, member, otherMember]) {
    await addMember(deps, owner, { id: group.id, userid: user.user._id });
  }
  await addAdmin(deps, owner, { id: group.id, userid: admin.user._id });
  await addAdmin(deps, owner, { id: group.id, userid: otherAdmin.user._id });
  return { group, owner, admin, otherAdmin, member, otherMember };
}

const people = (g: Awaited<ReturnType<typeof staffedGroup>>): Record<string, [Caller, Role]> => ({
  owner: [g.owner, 'owner'],
  admin: [g.admin, 'admin'],
  member: [g.member, 'member'],
});
const targetOf = (g: Awaited<ReturnType<typeof staffedGroup>>, role: Role): Caller =>
  role === 'owner' ? g.owner : role === 'admin' ? g.otherAdmin : g.otherMember;

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };
const PAIRS = (['owner', 'admin', 'member'] as const).flatMap((actor) =>
  (['owner', 'admin', 'member'] as const).map((target) => [actor, target] as const),
);

describe('rank rules', () => {
  it.each(PAIRS)('a %s kicking a %s: allowed only downwards', async (actorRole, targetRole) => {
    const g = await staffedGroup();
    const [actor] = people(g)[actorRole]!;
    const target = targetOf(g, targetRole);
    const kick = kickMembers(deps, actor, { id: g.group.id, userids: [target.user._id] });
    // There is one owner: an owner kicking an owner is kicking itself.
    if (actor === target) return expect(kick).rejects.toMatchObject({ code: 'validation_error' });
    if (RANK[actorRole] > RANK[targetRole]) {
      await expect(kick).resolves.toEqual({ userids: [target.user._id] });
    } else {
      await expect(kick).rejects.toMatchObject({ code: 'permission_denied' });
      expect((await retrieveGroup(deps, target, { id: g.group.id })).role).toBe(targetRole);
    }
  });

  it.each(PAIRS)('a %s muting a %s: allowed only downwards', async (actorRole, targetRole) => {
    const g = await staffedGroup();
    const [actor] = people(g)[actorRole]!;
    const target = targetOf(g, targetRole);
    const mute = muteMember(deps, actor, { id: g.group.id, userid: target.user._id, minutes: 5 });
    if (RANK[actorRole] > RANK[targetRole])
      await expect(mute).resolves.toMatchObject({ userid: target.user._id });
    else await expect(mute).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it.each(['owner', 'admin', 'member'] as const)(
    'a %s banning with block: only staff, only downwards',
    async (actorRole) => {
      const g = await staffedGroup();
      const [actor] = people(g)[actorRole]!;
      const kick = kickMembers(deps, actor, {
        id: g.group.id,
        userids: [g.otherMember.user._id],
        block: true,
      });
      if (actorRole === 'member') return expect(kick).rejects.toMatchObject({ code: 'permission_denied' });
      await kick;
      expect(
        await deps.db.groupBans.exists({ groupId: g.group.id, userId: g.otherMember.user._id }),
      ).not.toBeNull();
      await expect(
        addMember(deps, g.owner, { id: g.group.id, userid: g.otherMember.user._id }),
      ).rejects.toMatchObject({
        code: 'banned',
      });
    },
  );

  it.each(['admin', 'member'] as const)('only the owner appoints: a %s cannot', async (actorRole) => {
    const g = await staffedGroup();
    const [actor] = people(g)[actorRole]!;
    await expect(
      addAdmin(deps, actor, { id: g.group.id, userid: g.otherMember.user._id }),
    ).rejects.toMatchObject({
      code: 'permission_denied',
    });
  });

  it('refuses a whole kick when one target outranks the caller, and skips non-members', async () => {
    const g = await staffedGroup();
    const stranger = await newCaller();
    await expect(
      kickMembers(deps, g.admin, { id: g.group.id, userids: [g.member.user._id, g.otherAdmin.user._id] }),
    ).rejects.toMatchObject({ code: 'permission_denied' });
    expect((await retrieveGroup(deps, g.member, { id: g.group.id })).role).toBe('member');
    await expect(
      kickMembers(deps, g.admin, { id: g.group.id, userids: [g.member.user._id, stranger.user._id] }),
    ).resolves.toEqual({ userids: [g.member.user._id] });
    await expect(
      kickMembers(deps, g.admin, { id: g.group.id, userids: [g.admin.user._id] }),
    ).rejects.toMatchObject({
      code: 'validation_error',
    });
    expect((await retrieveGroup(deps, g.owner, { id: g.group.id })).member_count).toBe(4);
  });
});

describe('ownership', () => {
  it('transfers to a member: the old owner becomes an ordinary member', async () => {
    const g = await staffedGroup();
    const group = await transferOwnership(deps, g.owner, { id: g.group.id, userid: g.admin.user._id });
    expect(group).toMatchObject({ owner: g.admin.user._id, role: 'member' });
    expect((await retrieveGroup(deps, g.admin, { id: g.group.id })).role).toBe('owner');
    await expect(
      transferOwnership(deps, g.owner, { id: g.group.id, userid: g.member.user._id }),
    ).rejects.toMatchObject({ code: 'permission_denied' });
  });

  it('passes to the longest-standing admin when the owner quits, not the longest-standing member', async () => {
    const g = await staffedGroup();
    await quitGroup(deps, g.owner, { id: g.group.id });
    const group = await retrieveGroup(deps, g.admin, { id: g.group.id });
    expect(group).toMatchObject({ owner: g.admin.user._id, role: 'owner', member_count: 4 });
  });

  it('lists roles, join times and mutes, owner first', async () => {
    const g = await staffedGroup();
    await muteMember(deps, g.admin, { id: g.group.id, userid: g.member.user._id });
    const page = await listMembers(deps, g.member, { id: g.group.id });
    expect(page.results.map((member) => [member.id, member.role, member.muted, member.muted_until])).toEqual([
      [g.owner.user._id, 'owner', false, null],
      [g.admin.user._id, 'admin', false, null],
      [g.otherAdmin.user._id, 'admin', false, null],
      [g.member.user._id, 'member', true, null],
      [g.otherMember.user._id, 'member', false, null],
    ]);
    await unmuteMember(deps, g.admin, { id: g.group.id, userid: g.member.user._id });
    expect((await listMembers(deps, g.member, { id: g.group.id })).results[3]?.muted).toBe(false);
  });
});

describe('a kick racing a mute of the member it removes', () => {
  it('lifts the gag RongCloud got after the kick read the member, so a rejoin is not gagged', async () => {
    const [owner, target] = await Promise.all([newCaller(), newCaller()]);
    const group = await createGroup(deps, owner, { name: 'kick after mute' });
    await addMember(deps, owner, { id: group.id, userid: target.user._id });
    // The mute lands between the kick's read of the memberships and its claim of the group.
    const findOneAndUpdate = deps.db.groups.findOneAndUpdate.bind(deps.db.groups);
    let muted = false;
    const spy = vi.spyOn(deps.db.groups, 'findOneAndUpdate').mockImplementation(((
      ...args: Parameters<typeof findOneAndUpdate>
    ) => {
      const kicking = !muted && JSON.stringify(args[0]).includes('"$or"');
      if (!kicking) return findOneAndUpdate(...args);
      muted = true;
      const before = muteMember(deps, owner, { id: group.id, userid: target.user._id, minutes: 30 });
      return { lean: () => before.then(() => findOneAndUpdate(...args).lean()) };
    }) as never);
    try {
      await kickMembers(deps, owner, { id: group.id, userids: [target.user._id] });
    } finally {
      spy.mockRestore();
    }
    expect(muted).toBe(true);
    const mutes = deps.rongCloud.emulator.state.getGroupMutes(`T${group.id}`);
    expect(mutes.gagged.map((gag) => gag.userId)).not.toContain(`T${target.user._id}`);
  });
});

describe('an appointment undone because the member left meanwhile', () => {
  it('is refused and never announced', async () => {
    const [owner, target] = await Promise.all([newCaller(), newCaller()]);
    const group = await createGroup(deps, owner, { name: 'undone appointment' });
    await addMember(deps, owner, { id: group.id, userid: target.user._id });
    // The member quits between the appointment's membership check and its write.
    const findOneAndUpdate = deps.db.groups.findOneAndUpdate.bind(deps.db.groups);
    let quit = false;
    const spy = vi.spyOn(deps.db.groups, 'findOneAndUpdate').mockImplementation(((
      ...args: Parameters<typeof findOneAndUpdate>
    ) => {
      const appointing = !quit && JSON.stringify(args[1]).includes('"$addToSet"');
      if (!appointing) return findOneAndUpdate(...args);
      quit = true;
      const before = quitGroup(deps, target, { id: group.id });
      return { lean: () => before.then(() => findOneAndUpdate(...args).lean()) };
    }) as never);
    try {
      await expect(addAdmin(deps, owner, { id: group.id, userid: target.user._id })).rejects.toMatchObject({
        code: 'validation_error',
      });
    } finally {
      spy.mockRestore();
    }
    expect(quit).toBe(true);
    const stored = await deps.db.groups.findById(group.id).lean();
    expect(stored?.adminIds).toEqual([]);
    expect((stored?.notices ?? []).map((notice) => notice.operation)).not.toContain('SetManager');
  });
});

describe('a quit whose succession gives up after its removal', () => {
  it('answers 503 and leaves the group out of step for a repair', async () => {
    const [owner, member] = await Promise.all([newCaller(), newCaller()]);
    const group = await createGroup(deps, owner, { name: 'succession gives up' });
    await addMember(deps, owner, { id: group.id, userid: member.user._id });
    // Every compare-and-set of the owner loses, as under a storm of concurrent changes.
    const updateOne = deps.db.groups.updateOne.bind(deps.db.groups);
    const spy = vi
      .spyOn(deps.db.groups, 'updateOne')
      .mockImplementation(((...args: Parameters<typeof updateOne>) =>
        JSON.stringify(args[1]).includes('"ownerId"')
          ? Promise.resolve({ acknowledged: true, matchedCount: 0, modifiedCount: 0 })
          : updateOne(...args)) as never);
    try {
      await expect(quitGroup(deps, owner, { id: group.id })).rejects.toMatchObject({
        code: 'service_unavailable',
      });
    } finally {
      spy.mockRestore();
    }
    expect(await deps.db.memberships.exists({ _id: `${group.id}:${owner.user._id}` })).toBeNull();
    expect(await countOutOfStepTargets(deps.db, { kind: 'group', id: group.id })).toBe(1);
  });
});
