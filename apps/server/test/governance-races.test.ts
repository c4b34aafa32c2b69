// Governance under concurrency: 20-way races of kicks, transfers, quits, appointments and joins. However they
// interleave: exactly one owner, who is a member; never more admins than the cap, and only members among them;
// the member count exact; never a banned user inside.
import type { Database } from '@groupchat/db';
import { describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ MAX_ADMINS_PER_GROUP: '3' });

type User = Awaited<ReturnType<typeof registerUser>>;
const call = (method: string, path: string, user: User, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...user.auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (res) => ({ status: res.status, body: await res.json() }));

async function groupWith(count: number) {
  const owner = await registerUser(server.url);
  const { body } = await call('POST', '/api/im/group/', owner, { name: 'race', code: '' });
  const members = await Promise.all(Array.from({ length: count }, () => registerUser(server.url)));
  for (const member of members)
    await call('POST', `/api/im/group/${body.id}/join/`, owner, { userid: member.id });
  return { owner, members, id: body.id as number };
}

async function expectConsistent(db: Database, groupId: number) {
  const group = (await db.groups.findById(groupId).lean())!;
  const memberIds = (await db.memberships.find({ groupId }, { userId: 1 }).lean()).map((m) => m.userId);
  const bans = (await db.groupBans.find({ groupId }).lean()).map((ban) => ban.userId);
  if (group.status !== 'live') return expect(memberIds).toEqual([]);
  expect(memberIds).toContain(group.ownerId);
  expect(group.adminIds.length).toBeLessThanOrEqual(3);
  expect(group.adminIds.filter((id) => !memberIds.includes(id))).toEqual([]);
  expect(group.adminIds).not.toContain(group.ownerId);
  expect(group.memberCount).toBe(memberIds.length);
  expect(memberIds.filter((id) => bans.includes(id))).toEqual([]);
}

describe('governance races', () => {
  it('20 parallel appointments never exceed the cap', async () => {
    const { owner, members, id } = await groupWith(20);
    const answers = await Promise.all(
      members.map((member) => call('POST', `/api/im/group/${id}/admins/`, owner, { userid: member.id })),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(17);
    await expectConsistent(server.db, id);
  });

  it('kicks, transfers, quits, appointments and joins racing leave one owner among the members', async () => {
    for (let round = 0; round < 3; round++) {
      const { owner, members, id } = await groupWith(12);
      const newcomers = await Promise.all(Array.from({ length: 4 }, () => registerUser(server.url)));
      const [a, b, c, d, ...rest] = members as [User, User, User, User, ...User[]];
      await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: a.id });
      await Promise.all([
        call('POST', `/api/im/group/${id}/transfer/`, owner, { userid: b.id }),
        call('POST', `/api/im/group/${id}/transfer/`, owner, { userid: c.id }),
        call('GET', `/api/im/group/${id}/quit/`, b),
        call('GET', `/api/im/group/${id}/quit/`, owner),
        call('POST', `/api/im/group/${id}/kick/`, a, { userids: rest.slice(0, 3).map((m) => m.id) }),
        call('POST', `/api/im/group/${id}/kick/`, owner, { userids: [a.id, d.id], block: true }),
        call('POST', `/api/im/group/${id}/admins/`, owner, { userid: c.id }),
        call('POST', `/api/im/group/${id}/admins/`, owner, { userid: d.id }),
        call('POST', `/api/im/group/${id}/admins/`, owner, { userid: rest[4]!.id }),
        ...newcomers.map((newcomer) =>
          call('POST', `/api/im/group/${id}/join/`, rest[5]!, { userid: newcomer.id }),
        ),
        call('POST', `/api/im/group/${id}/join/`, rest[6]!, { userid: d.id }),
        call('GET', `/api/im/group/${id}/quit/`, rest[7]!),
        call('GET', `/api/im/group/${id}/quit/`, c),
      ]);
      await expectConsistent(server.db, id);
    }
  });

  it('a kick with block racing the same user’s joins never leaves the banned user inside', async () => {
    for (let round = 0; round < 5; round++) {
      const { owner, members, id } = await groupWith(2);
      const target = members[0]!;
      await Promise.all([
        call('POST', `/api/im/group/${id}/kick/`, owner, { userids: [target.id], block: true }),
        ...Array.from({ length: 6 }, () =>
          call('POST', `/api/im/group/${id}/join/`, members[1]!, { userid: target.id }),
        ),
      ]);
      await expectConsistent(server.db, id);
    }
  });

  it('the last members quitting together dismiss the group, with no member left', async () => {
    const { owner, members, id } = await groupWith(19);
    await Promise.all([owner, ...members].map((user) => call('GET', `/api/im/group/${id}/quit/`, user)));
    expect((await server.db.groups.findById(id).lean())?.status).toBe('dismissed');
    await expectConsistent(server.db, id);
  });
});
