// Governance rules at the core seam: every rank pair for kick, mute, ban and appointment, transfer, succession.
import type { Role } from '@groupchat/contracts';
import { describe, expect, it } from 'vitest';
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
