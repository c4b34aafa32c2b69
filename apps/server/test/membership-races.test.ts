// Membership stays exact under concurrency, in MongoDB and (once in step) in RongCloud, without transactions.
import { countOutOfStepTargets, membershipId } from '@groupchat/db';
import { describe, expect, it } from 'vitest';
import { rongCloudDifferences } from './rongcloud-match.ts';
import { eventually, registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ MAX_MEMBERS_PER_GROUP: '60' });

type User = Awaited<ReturnType<typeof registerUser>>;
const post = (path: string, user: User, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...user.auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const registerMany = (count: number) =>
  Promise.all(Array.from({ length: count }, () => registerUser(server.url)));

describe('concurrent membership changes', () => {
  it('50 parallel face-to-face joins give exactly 51 members', async () => {
    const owner = await registerUser(server.url);
    const guests = await registerMany(50);
    const group = await (await post('/api/im/group/', owner, { name: 'crowd', code: '505050' })).json();
    const results = await Promise.all(
      guests.map((guest) => post(`/api/im/group/${group.id}/invite/`, guest, { code: '505050' })),
    );
    expect(results.map((res) => res.status)).toEqual(guests.map(() => 200));
    const members = await server.db.memberships.find({ groupId: group.id }).lean();
    expect(members).toHaveLength(51);
    expect(new Set(members.map((m) => m.slot)).size).toBe(51);
    await eventually(
      async () => expect(await rongCloudDifferences(server.db, server.emulator)).toEqual([]),
      20_000,
    );
    expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toHaveLength(51);
  });

  it('joins racing the cap never exceed it', async () => {
    const owner = await registerUser(server.url);
    const group = await (await post('/api/im/group/', owner, { name: 'capped', code: '606060' })).json();
    // Seat 55 more members directly (the race, not the filling, is under test): seats 1–55 of 60.
    const now = new Date();
    await server.db.memberships.insertMany(
      Array.from({ length: 55 }, (_, i) => ({
        _id: membershipId(group.id, 9_000_000 + i),
        groupId: group.id,
        userId: 9_000_000 + i,
        slot: i + 1,
        userSlot: 0,
        joinedAt: now,
        activityAt: now,
      })),
    );
    expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(56);
    const racers = await registerMany(12);
    const results = await Promise.all(
      racers.map((guest) => post(`/api/im/group/${group.id}/invite/`, guest, { code: '606060' })),
    );
    const statuses = results.map((res) => res.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(4);
    expect(statuses.filter((status) => status === 409)).toHaveLength(8);
    expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(60);
    await eventually(
      async () => expect(await rongCloudDifferences(server.db, server.emulator)).toEqual([]),
      20_000,
    );
  });

  it('a join racing a dismiss leaves nobody in the dismissed group, in MongoDB or in RongCloud', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await registerUser(server.url);
      const code = String(700000 + round);
      const group = await (await post('/api/im/group/', owner, { name: 'doomed', code })).json();
      const guests = await registerMany(15);
      const joins = guests.map((guest) => post(`/api/im/group/${group.id}/invite/`, guest, { code }));
      const dismiss = fetch(`${server.url}/api/im/group/${group.id}/dismiss/`, { headers: owner.auth });
      const statuses = (await Promise.all([...joins, dismiss])).map((res) => res.status);
      expect(statuses.every((status) => status === 200 || status === 404)).toBe(true);
      expect(statuses.at(-1)).toBe(200);
      expect((await server.db.groups.findById(group.id).lean())?.status).toBe('dismissed');
      expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(0);
      await eventually(() => expect(server.emulator.state.getGroup(`T${group.id}`)).toBeUndefined(), 20_000);
    }
    await eventually(async () => expect(await countOutOfStepTargets(server.db)).toBe(0), 20_000);
  });
});
