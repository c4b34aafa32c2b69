// Consent to be pulled in: `group_invites` on the caller's profile, pull-ins of a user who asked for approval
// becoming invitations (202), and the invitee's list, accept and decline, over real HTTP and tRPC.
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, useTestServer } from './test-server.ts';

const server = useTestServer({ MAX_MEMBERS_PER_GROUP: '3' });

type User = Awaited<ReturnType<typeof registerUser>>;
type Invitation = { id: number; group: { id: number; code: string; role: string | null }; inviter: object };

const call = (method: string, path: string, user?: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);

async function cautiousUser(extra: Record<string, string> = {}) {
  const user = await registerUser(server.url, extra);
  const res = await call('PATCH', '/api/users/me/', user, { group_invites: 'approval' });
  expect(res.status).toBe(200);
  return user;
}

async function newGroup(owner: User, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/im/group/', owner, { name: 'consent', ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; code: string };
}

const pull = (group: { id: number }, by: User, user: User) =>
  call('POST', `/api/im/group/${group.id}/join/`, by, { userid: user.id });

const pendingOf = async (user: User, query = '') => {
  const res = await call('GET', `/api/im/invitations/${query}`, user);
  expect(res.status).toBe(200);
  return (await res.json()) as { count: number; next: string | null; results: Invitation[] };
};

const memberIds = async (groupId: number) =>
  (await server.db.memberships.find({ groupId }).lean()).map((membership) => membership.userId).sort();

describe('group_invites on /api/users/me/', () => {
  it('is "anyone" until the caller asks for approval, and takes nothing else', async () => {
    const user = await registerUser(server.url);
    const me = await (await call('GET', '/api/users/me/', user)).json();
    expect(me.group_invites).toBe('anyone');
    const changed = await call('PATCH', '/api/users/me/', user, { group_invites: 'approval' });
    expect(await changed.json()).toMatchObject({
      id: user.id,
      username: user.username,
      group_invites: 'approval',
    });
    expect((await (await call('GET', '/api/users/me/', user)).json()).group_invites).toBe('approval');
    for (const bad of ['friends', '', 1, null]) {
      const res = await call('PATCH', '/api/users/me/', user, { group_invites: bad });
      expect(res.status).toBe(400);
      expect((await res.json()).fields.group_invites).toHaveLength(1);
    }
    const form = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'group_invites=anyone',
    });
    expect((await form.json()).group_invites).toBe('anyone');
  });

  it('is the same setting over tRPC (accounts.updateMe, accounts.getMe)', async () => {
    const user = await registerUser(server.url);
    const update = await fetch(`${server.url}/trpc/accounts.updateMe`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ group_invites: 'approval' }),
    });
    expect(update.status).toBe(200);
    const me = await (await fetch(`${server.url}/trpc/accounts.getMe`, { headers: user.auth })).json();
    expect(me.result.data.group_invites).toBe('approval');
  });

  it('is nobody else’s to read: member lists carry no group_invites', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const page = await (await call('GET', `/api/im/group/${group.id}/users/`, owner)).json();
    expect(page.results[0]).not.toHaveProperty('group_invites');
  });
});

describe('pulling in a user who asked for approval', () => {
  it('answers 202 with a pending invitation and adds nobody; pulling again answers the same', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    await pull(group, owner, member);
    const res = await pull(group, owner, cautious);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({ userid: cautious.id, invitation: expect.any(Number) });
    const again = await pull(group, member, cautious);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual(body);
    expect(await memberIds(group.id)).toEqual([owner.id, member.id].sort());
    expect(await server.db.invitations.countDocuments({ groupId: group.id })).toBe(1);
    await eventually(() => expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toHaveLength(2));
    expect(server.emulator.state.getGroup(`T${group.id}`)?.members).not.toContain(`T${cautious.id}`);
  });

  it('answers 200 as before for a user who takes anyone, and for one who is a member already', async () => {
    const owner = await registerUser(server.url);
    const open = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner, { code: '' });
    const direct = await pull(group, owner, open);
    expect(direct.status).toBe(200);
    expect(await direct.json()).toEqual({ userid: open.id });
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    expect((await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)).status).toBe(200);
    const member = await pull(group, open, cautious);
    expect(member.status).toBe(200);
    expect(await member.json()).toEqual({ userid: cautious.id });
    expect(await server.db.invitations.countDocuments({ groupId: group.id })).toBe(0);
  });

  it('gives a burst of parallel pull-ins one invitation, the same for all', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const answers = await Promise.all(Array.from({ length: 12 }, () => pull(group, owner, cautious)));
    expect(answers.map((res) => res.status)).toEqual(Array(12).fill(202));
    const ids = new Set(await Promise.all(answers.map(async (res) => (await res.json()).invitation)));
    expect(ids.size).toBe(1);
    expect(await server.db.invitations.countDocuments({ groupId: group.id, inviteeId: cautious.id })).toBe(1);
  });

  it('still refuses a banned user with 403 and invites nobody', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious);
    await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [cautious.id], block: true });
    const res = await pull(group, owner, cautious);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('banned');
    expect(await server.db.invitations.countDocuments({ groupId: group.id })).toBe(0);
  });
});

describe('GET /api/im/invitations/', () => {
  it("lists the caller's pending invitations newest first, paginated, the group as a non-member sees it", async () => {
    const [a, b] = [await registerUser(server.url, { nick: 'alice' }), await registerUser(server.url)];
    const cautious = await cautiousUser();
    const first = await newGroup(a, { code: '4321' });
    const second = await newGroup(b);
    const firstId = (await (await pull(first, a, cautious)).json()).invitation;
    const secondId = (await (await pull(second, b, cautious)).json()).invitation;
    const page1 = await pendingOf(cautious, '?page_size=1');
    expect(page1.count).toBe(2);
    expect(page1.next).toBe(`${server.url}/api/im/invitations/?page=2&page_size=1`);
    expect(page1.results.map((invitation) => invitation.id)).toEqual([secondId]);
    const page2 = await pendingOf(cautious, '?page=2&page_size=1');
    expect(page2.results).toEqual([
      {
        id: firstId,
        group: expect.objectContaining({
          id: first.id,
          code: '',
          role: null,
          announcement: '',
          member_count: 1,
        }),
        inviter: { id: a.id, nick: 'alice', avatar: `${server.url}/media/defaults/avatar.png` },
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      },
    ]);
    expect((await pendingOf(a)).count).toBe(0);
    expect((await call('GET', '/api/im/invitations/?page=3', cautious)).status).toBe(404);
    expect((await call('GET', '/api/im/invitations/')).status).toBe(401);
  });

  it('is invitations.list over tRPC', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    await pull(group, owner, cautious);
    const res = await fetch(`${server.url}/trpc/invitations.list?input=${encodeURIComponent('{}')}`, {
      headers: cautious.auth,
    });
    const body = await res.json();
    expect(body.result.data.results.map((invitation: Invitation) => invitation.group.id)).toEqual([group.id]);
  });
});

describe('accept and decline', () => {
  it('accept joins the group with its rules and uses the invitation up', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner, { code: '5678' });
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    const res = await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: group.id, code: '5678', role: 'member', member_count: 2 });
    expect(await memberIds(group.id)).toEqual([owner.id, cautious.id].sort());
    await eventually(() =>
      expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([
        `T${owner.id}`,
        `T${cautious.id}`,
      ]),
    );
    expect((await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)).status).toBe(404);
    expect((await pendingOf(cautious)).count).toBe(0);
  });

  it('a burst of parallel accepts seats the invitee once', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses).toContain(200);
    expect(statuses.every((status) => status === 200 || status === 404)).toBe(true);
    expect(await memberIds(group.id)).toEqual([owner.id, cautious.id].sort());
    expect((await server.db.groups.findById(group.id).lean())?.memberCount).toBe(2);
  });

  it('decline drops the invitation; the invitee can be invited again', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    const res = await call('POST', `/api/im/invitations/${invitation}/decline/`, cautious);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ detail: '操作成功' });
    expect((await call('POST', `/api/im/invitations/${invitation}/decline/`, cautious)).status).toBe(404);
    expect((await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)).status).toBe(404);
    expect(await memberIds(group.id)).toEqual([owner.id]);
    const again = await (await pull(group, owner, cautious)).json();
    expect(again.invitation).not.toBe(invitation);
  });

  it("someone else's invitation is 404 to accept and to decline, and stays", async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    for (const user of [owner, await registerUser(server.url)]) {
      for (const action of ['accept', 'decline']) {
        const res = await call('POST', `/api/im/invitations/${invitation}/${action}/`, user);
        expect(res.status).toBe(404);
        expect((await res.json()).code).toBe('not_found');
      }
    }
    expect(await memberIds(group.id)).toEqual([owner.id]);
    expect((await pendingOf(cautious)).count).toBe(1);
  });

  it('odd ids are 400, unknown ones 404', async () => {
    const user = await registerUser(server.url);
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999']) {
      const res = await call('POST', `/api/im/invitations/${id}/accept/`, user);
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('validation_error');
    }
    expect((await call('POST', '/api/im/invitations/987654321/accept/', user)).status).toBe(404);
  });

  it('accept into a full group is 409 and keeps the invitation; banned is 403', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    await pull(group, owner, await registerUser(server.url));
    await pull(group, owner, await registerUser(server.url));
    const full = await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious);
    expect(full.status).toBe(409);
    expect((await full.json()).code).toBe('group_full');
    expect((await pendingOf(cautious)).count).toBe(1);

    const other = await newGroup(owner);
    const second = await cautiousUser();
    const secondInvitation = (await (await pull(other, owner, second)).json()).invitation;
    await server.db.groupBans.create({
      _id: `${other.id}:${second.id}`,
      groupId: other.id,
      userId: second.id,
      bannedAt: new Date(),
      bannedBy: owner.id,
    });
    const banned = await call('POST', `/api/im/invitations/${secondInvitation}/accept/`, second);
    expect(banned.status).toBe(403);
    expect((await banned.json()).code).toBe('banned');
    expect(await memberIds(other.id)).toEqual([owner.id]);
  });
});

describe('lapse and dismissal', () => {
  it('an invitation older than 7 days is never listed or accepted, and a new pull-in replaces it', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    const stored = await server.db.invitations.findById(invitation).lean();
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(7 * 24 * 3_600_000);
    // Lapsed, and not yet removed: on FerretDB no TTL index ever removes it.
    await server.db.invitations.updateOne(
      { _id: invitation },
      { $set: { expiresAt: new Date(Date.now() - 1) } },
    );
    expect((await pendingOf(cautious)).count).toBe(0);
    expect((await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)).status).toBe(404);
    expect((await call('POST', `/api/im/invitations/${invitation}/decline/`, cautious)).status).toBe(404);
    expect(await memberIds(group.id)).toEqual([owner.id]);
    const renewed = await pull(group, owner, cautious);
    expect(renewed.status).toBe(202);
    const renewedId = (await renewed.json()).invitation;
    expect(renewedId).not.toBe(invitation);
    expect((await pendingOf(cautious)).results.map((pending) => pending.id)).toEqual([renewedId]);
  });

  it('dismissing the group removes its invitations', async () => {
    const owner = await registerUser(server.url);
    const cautious = await cautiousUser();
    const group = await newGroup(owner);
    const invitation = (await (await pull(group, owner, cautious)).json()).invitation;
    expect((await call('POST', `/api/im/group/${group.id}/dismiss/`, owner)).status).toBe(200);
    expect(await server.db.invitations.countDocuments({ groupId: group.id })).toBe(0);
    expect((await pendingOf(cautious)).count).toBe(0);
    expect((await call('POST', `/api/im/invitations/${invitation}/accept/`, cautious)).status).toBe(404);
  });

  it('pull-ins racing a dismissal leave no invitation behind', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await registerUser(server.url);
      const cautious = await Promise.all(Array.from({ length: 6 }, () => cautiousUser()));
      const group = await newGroup(owner);
      await Promise.all([
        ...cautious.map((user) => pull(group, owner, user)),
        call('POST', `/api/im/group/${group.id}/dismiss/`, owner),
      ]);
      expect(await server.db.invitations.countDocuments({ groupId: group.id })).toBe(0);
    }
  });
});
