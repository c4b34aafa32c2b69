// Whole-group mute and its whitelist (§3.11, §3.16), the group inspection's mute fields, rate limits and faults.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi, callControl, type Form } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const BAN = '/group/ban/add.json';
const UNBAN = '/group/ban/rollback.json';
const QUERY = '/group/ban/query.json';
const WHITELIST_ADD = '/group/user/ban/whitelist/add.json';
const WHITELIST_REMOVE = '/group/user/ban/whitelist/rollback.json';
const WHITELIST_QUERY = '/group/user/ban/whitelist/query.json';

const repeated = (key: string, count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => [key, `${prefix}${i}`] as const);

afterEach(() => {
  vi.useRealTimers();
});

describe('whole-group mute', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);

  it('bans and unbans groups, existing or not; the query gives stat 1 or 0 per group asked', async () => {
    expect((await call(BAN, 'groupId=g1&groupId=g2&groupId=neverCreated')).body).toEqual({ code: 200 });
    expect((await call(UNBAN, 'groupId=g2&groupId=notBanned')).body).toEqual({ code: 200 });
    expect((await call(QUERY, 'groupId=g1&groupId=g2&groupId=neverCreated')).body).toEqual({
      code: 200,
      groupinfo: [
        { groupId: 'g1', stat: 1 },
        { groupId: 'g2', stat: 0 },
        { groupId: 'neverCreated', stat: 1 },
      ],
    });
  });

  it('without groupId lists every banned group, paged by page and size, which override groupId', async () => {
    await call(BAN, [...repeated('groupId', 5, 'g')]);
    expect((await call(QUERY, '')).body.groupinfo).toEqual(
      ['g0', 'g1', 'g2', 'g3', 'g4'].map((groupId) => ({ groupId, stat: 1 })),
    );
    expect((await call(QUERY, 'page=2&size=2')).body.groupinfo).toEqual([
      { groupId: 'g2', stat: 1 },
      { groupId: 'g3', stat: 1 },
    ]);
    expect((await call(QUERY, 'groupId=other&size=1')).body.groupinfo).toEqual([{ groupId: 'g0', stat: 1 }]);
    expect((await call(QUERY, 'page=9')).body.groupinfo).toEqual([]);
  });

  it.each<[string, string, Form]>([
    ['add with 21 groupIds', BAN, [...repeated('groupId', 21, 'g')]],
    ['add without groupId', BAN, ''],
    ['rollback without groupId', UNBAN, 'groupId='],
    ['rollback with a bad groupId', UNBAN, 'groupId=g.1'],
    ['query with 21 groupIds', QUERY, [...repeated('groupId', 21, 'g')]],
    ['query with size 201', QUERY, 'size=201'],
    ['query with page 0', QUERY, 'page=0'],
  ])('%s is 400 + 1002', async (_label, path, form) => {
    const res = await call(path, form);
    expect([res.status, res.body]).toEqual([400, { code: 1002, errorMessage: expect.any(String) }]);
  });

  it('accepts 20 groupIds per call', async () => {
    expect((await call(BAN, [...repeated('groupId', 20, 'g')])).body).toEqual({ code: 200 });
    expect((await call(QUERY, [...repeated('groupId', 20, 'g')])).body.groupinfo).toHaveLength(20);
  });
});

describe('mute whitelist', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);
  const whitelist = async (groupId: string) => (await call(WHITELIST_QUERY, `groupId=${groupId}`)).body;

  it('adds, queries in the order added, and removes; unknown groups and users are fine', async () => {
    expect(await whitelist('g1')).toEqual({ code: 200, userIds: [] });
    expect((await call(WHITELIST_ADD, 'userId=2582&userId=2111&groupId=g1')).body).toEqual({ code: 200 });
    await call(WHITELIST_ADD, 'userId=2111&userId=3000&groupId=g1');
    expect(await whitelist('g1')).toEqual({ code: 200, userIds: ['2582', '2111', '3000'] });
    expect((await call(WHITELIST_REMOVE, 'userId=2111&userId=nobody&groupId=g1')).body).toEqual({
      code: 200,
    });
    expect((await whitelist('g1')).userIds).toEqual(['2582', '3000']);
  });

  it('is kept across quit and re-join', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=g1&groupName=G');
    await call(WHITELIST_ADD, 'userId=u1&groupId=g1');
    await call('/group/quit.json', 'userId=u1&groupId=g1');
    expect((await whitelist('g1')).userIds).toEqual(['u1']);
    await call('/group/join.json', 'userId=u1&groupId=g1');
    expect((await whitelist('g1')).userIds).toEqual(['u1']);
  });

  it.each<[string, string, Form]>([
    ['add with 21 userIds', WHITELIST_ADD, [...repeated('userId', 21, 'u'), ['groupId', 'g1']]],
    ['add without groupId', WHITELIST_ADD, 'userId=u1'],
    ['add without userId', WHITELIST_ADD, 'groupId=g1'],
    ['rollback without groupId', WHITELIST_REMOVE, 'userId=u1'],
    ['rollback with 21 userIds', WHITELIST_REMOVE, [...repeated('userId', 21, 'u'), ['groupId', 'g1']]],
    ['query without groupId', WHITELIST_QUERY, ''],
  ])('%s is 400 + 1002', async (_label, path, form) => {
    const res = await call(path, form);
    expect([res.status, res.body.code]).toEqual([400, 1002]);
    expect((await whitelist('g1')).userIds).toEqual([]);
  });
});

describe('mute lists and the group inspection', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);
  const inspect = (groupId: string) =>
    callControl(emulator.current.url, 'GET', `/_emulator/groups/${groupId}`);

  it('shows members, active gags (ISO 8601 or null), the ban and the whitelist', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-02-07T10:25:12.000Z'));
    await call('/group/create.json', 'userId=owner&userId=u2&userId=u3&groupId=g1&groupName=Team');
    await call('/group/user/gag/add.json', 'userId=u2&groupId=g1&minute=30');
    await call('/group/user/gag/add.json', 'userId=u3&groupId=g1&minute=0');
    await call('/group/user/gag/add.json', 'userId=u2&minute=0');
    await call(BAN, 'groupId=g1');
    await call(WHITELIST_ADD, 'userId=owner&groupId=g1');
    const expected = {
      id: 'g1',
      name: 'Team',
      members: ['owner', 'u2', 'u3'],
      gagged: [
        { userId: 'u2', until: '2024-02-07T10:55:12.000Z' },
        { userId: 'u3', until: null },
      ],
      banned: true,
      whitelist: ['owner'],
    };
    const res = await inspect('g1');
    expect([res.status, res.body]).toEqual([200, expected]);
    const { gagged, banned, whitelist } = expected;
    expect(emulator.current.state.getGroupMutes('g1')).toEqual({ gagged, banned, whitelist });
    expect(emulator.current.state.getGroup('g1')).toEqual({
      id: 'g1',
      name: 'Team',
      members: expected.members,
    });
    vi.setSystemTime(new Date('2024-02-07T10:55:12.000Z'));
    expect((await inspect('g1')).body.gagged).toEqual([{ userId: 'u3', until: null }]);
  });

  it('keeps ban and whitelist across dismiss and re-create; the dismissed group itself is 404', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=g1&groupName=G');
    await call(BAN, 'groupId=g1');
    await call(WHITELIST_ADD, 'userId=u1&groupId=g1');
    await call('/group/dismiss.json', 'userId=u1&groupId=g1');
    expect([(await inspect('g1')).status, (await inspect('g1')).body]).toEqual([404, { error: 'not_found' }]);
    expect((await call(QUERY, 'groupId=g1')).body.groupinfo).toEqual([{ groupId: 'g1', stat: 1 }]);
    expect((await call(WHITELIST_QUERY, 'groupId=g1')).body.userIds).toEqual(['u1']);
    await call('/group/create.json', 'userId=u9&groupId=g1&groupName=Again');
    expect((await inspect('g1')).body).toEqual({
      id: 'g1',
      name: 'Again',
      members: ['u9'],
      gagged: [],
      banned: true,
      whitelist: ['u1'],
    });
  });

  it('reset clears the mute lists too', async () => {
    await call(BAN, 'groupId=g1');
    await call(WHITELIST_ADD, 'userId=u1&groupId=g1');
    await call('/group/user/gag/add.json', 'userId=u1&groupId=g1&minute=0');
    emulator.current.reset();
    expect(emulator.current.state.getGroupMutes('g1')).toEqual({ gagged: [], banned: false, whitelist: [] });
  });
});

describe('rate limits and faults on mute endpoints', () => {
  const emulator = useEmulator({ rateLimits: { [BAN]: 2 }, rateLimitWindowMs: 60_000 });
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);

  it('limits calls per endpoint with 429 + 1008, counted in /calls', async () => {
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await call(BAN, `groupId=g${i}`)).body.code);
    expect(codes).toEqual([200, 200, 1008]);
    expect(emulator.current.state.getGroupMutes('g2').banned).toBe(false);
    expect((await call(QUERY, 'groupId=g0')).body.code).toBe(200);
    const calls = await callControl(emulator.current.url, 'GET', '/_emulator/calls');
    expect(calls.body[BAN]).toEqual({ ok: 2, failed: 1 });
  });

  it('fails, or applies and then fails, as the fault says', async () => {
    emulator.current.addFault({ endpoint: WHITELIST_ADD, count: 1, httpStatus: 500, code: 1000 });
    emulator.current.addFault({
      endpoint: '/group/user/gag/add.json',
      count: 1,
      httpStatus: 504,
      code: 1050,
      afterApply: true,
    });
    const failed = await call(WHITELIST_ADD, 'userId=u1&groupId=g1');
    expect([failed.status, failed.body.code]).toEqual([500, 1000]);
    expect(emulator.current.state.getGroupMutes('g1').whitelist).toEqual([]);
    const late = await call('/group/user/gag/add.json', 'userId=u1&groupId=g1&minute=0');
    expect([late.status, late.body.code]).toEqual([504, 1050]);
    expect(emulator.current.state.getGroupMutes('g1').gagged).toEqual([{ userId: 'u1', until: null }]);
  });
});
