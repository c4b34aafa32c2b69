// Member gags (§3.11, §3.16): timed vs until lifted, expiry, limits, lifetime apart from membership, time zones.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi, callControl, type Form } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const GAG = '/group/user/gag/add.json';
const UNGAG = '/group/user/gag/rollback.json';
const LIST = '/group/user/gag/list.json';

const userIds = (count: number, prefix = 'u') =>
  Array.from({ length: count }, (_, i) => ['userId', `${prefix}${i}`] as const);

/** Fakes Date alone: the emulator's clock stands where the test puts it while sockets and timers stay real. */
function setClock(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

afterEach(() => {
  vi.useRealTimers();
});

describe('member gags', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);
  const listed = async (groupId: string) => (await call(LIST, `groupId=${groupId}`)).body;
  const inspect = (groupId: string) =>
    callControl(emulator.current.url, 'GET', `/_emulator/groups/${groupId}`);

  it('gags for `minute` minutes or, with 0, until lifted; the list gives both times in Beijing time', async () => {
    setClock('2024-02-07T10:25:12.000Z');
    expect((await call(GAG, 'userId=u1&userId=u2&groupId=g1&minute=30')).body).toEqual({ code: 200 });
    expect((await call(GAG, 'userId=u3&groupId=g1&minute=0')).body).toEqual({ code: 200 });
    expect(await listed('g1')).toEqual({
      code: 200,
      users: [
        { startTime: '2024-02-07 18:25:12', time: '2024-02-07 18:55:12', userId: 'u1' },
        { startTime: '2024-02-07 18:25:12', time: '2024-02-07 18:55:12', userId: 'u2' },
        { startTime: '2024-02-07 18:25:12', time: '', userId: 'u3' },
      ],
    });
    expect(await listed('other')).toEqual({ code: 200, users: [] });
  });

  it('ends a timed gag by itself at its term; a gag until lifted stays', async () => {
    setClock('2024-02-07T10:00:00.000Z');
    await call(GAG, 'userId=short&groupId=g1&minute=1');
    await call(GAG, 'userId=forever&groupId=g1&minute=0');
    await call('/group/create.json', 'userId=short&userId=forever&groupId=g1&groupName=G');
    vi.setSystemTime(new Date('2024-02-07T10:00:59.999Z'));
    expect((await listed('g1')).users.map((user: { userId: string }) => user.userId)).toEqual([
      'short',
      'forever',
    ]);
    vi.setSystemTime(new Date('2024-02-07T10:01:00.000Z'));
    expect((await listed('g1')).users.map((user: { userId: string }) => user.userId)).toEqual(['forever']);
    expect((await inspect('g1')).body.gagged).toEqual([{ userId: 'forever', until: null }]);
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    expect((await listed('g1')).users).toHaveLength(1);
  });

  it('a repeated gag sets a new term from now, also turning a gag until lifted into a timed one', async () => {
    setClock('2024-02-07T10:00:00.000Z');
    await call(GAG, 'userId=u1&userId=u2&groupId=g1&minute=0');
    vi.setSystemTime(new Date('2024-02-07T11:00:00.000Z'));
    await call(GAG, 'userId=u1&groupId=g1&minute=10');
    expect((await listed('g1')).users).toEqual([
      { startTime: '2024-02-07 19:00:00', time: '2024-02-07 19:10:00', userId: 'u1' },
      { startTime: '2024-02-07 18:00:00', time: '', userId: 'u2' },
    ]);
  });

  it('rollback lifts gags; lifting one that does not exist is 200', async () => {
    await call(GAG, 'userId=u1&userId=u2&groupId=g1&minute=5');
    expect((await call(UNGAG, 'userId=u1&userId=nobody&groupId=g1')).body).toEqual({ code: 200 });
    expect((await listed('g1')).users.map((user: { userId: string }) => user.userId)).toEqual(['u2']);
    expect((await call(UNGAG, 'userId=u1&groupId=neverCreated')).body).toEqual({ code: 200 });
  });

  it('keys gags by (group, user) alone: no group needed, kept across quit, re-join, dismiss and re-create', async () => {
    expect((await call(GAG, 'userId=stranger&groupId=neverCreated&minute=5')).body).toEqual({ code: 200 });
    expect((await listed('neverCreated')).users).toHaveLength(1);

    await call('/group/create.json', 'userId=u1&userId=u2&groupId=g1&groupName=G');
    await call(GAG, 'userId=u1&groupId=g1&minute=60');
    await call(GAG, 'userId=u2&groupId=g1&minute=0');
    await call('/group/quit.json', 'userId=u1&userId=u2&groupId=g1');
    expect((await listed('g1')).users).toHaveLength(2);
    await call('/group/join.json', 'userId=u1&groupId=g1');
    await call('/group/dismiss.json', 'userId=u1&groupId=g1');
    expect((await inspect('g1')).status).toBe(404);
    expect((await listed('g1')).users).toHaveLength(2);
    await call('/group/create.json', 'userId=u3&groupId=g1&groupName=Again');
    const again = await inspect('g1');
    expect(again.body.members).toEqual(['u3']);
    expect(again.body.gagged).toEqual([
      { userId: 'u1', until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) },
      { userId: 'u2', until: null },
    ]);
  });

  it('without groupId gags in every group, listed and lifted apart from any one group', async () => {
    await call(GAG, 'userId=u1&groupId=g1&minute=5');
    expect((await call(GAG, 'userId=u1&userId=u2&minute=0')).body).toEqual({ code: 200 });
    expect((await call(LIST, '')).body.users.map((user: { userId: string }) => user.userId)).toEqual([
      'u1',
      'u2',
    ]);
    expect((await listed('g1')).users.map((user: { userId: string }) => user.userId)).toEqual(['u1']);
    await call('/group/create.json', 'userId=u2&groupId=g2&groupName=G');
    expect((await inspect('g2')).body.gagged).toEqual([]);
    await call(UNGAG, 'userId=u1');
    expect((await call(LIST, '')).body.users.map((user: { userId: string }) => user.userId)).toEqual(['u2']);
    expect((await listed('g1')).users).toHaveLength(1);
  });

  it('holds at most 100 users gagged in every group, all or nothing', async () => {
    for (let batch = 0; batch < 5; batch += 1) {
      const res = await call(GAG, [...userIds(20, `b${batch}x`), ['minute', '0']]);
      expect(res.body).toEqual({ code: 200 });
    }
    const over = await call(GAG, 'userId=b0x0&userId=extra&minute=0');
    expect([over.status, over.body.code]).toEqual([400, 1002]);
    expect((await call(LIST, '')).body.users).toHaveLength(100);
    expect((await call(GAG, 'userId=b0x0&minute=5')).body).toEqual({ code: 200 });
  });

  it.each<[string, Form, number]>([
    ['21 userIds', [...userIds(21), ['groupId', 'g1'], ['minute', '5']], 1002],
    ['no userId', 'groupId=g1&minute=5', 1002],
    ['an empty userId', 'userId=&groupId=g1&minute=5', 1002],
    ['no minute', 'userId=u1&groupId=g1', 1002],
    ['minute 43201', 'userId=u1&groupId=g1&minute=43201', 1002],
    ['minute -1', 'userId=u1&groupId=g1&minute=-1', 1002],
    ['minute 1.5', 'userId=u1&groupId=g1&minute=1.5', 1002],
    ['minute abc', 'userId=u1&groupId=g1&minute=abc', 1002],
    ['a groupId of 65 characters', `userId=u1&groupId=${'g'.repeat(65)}&minute=5`, 1005],
    ['a groupId with a dash', 'userId=u1&groupId=g-1&minute=5', 1002],
    ['a userId with an underscore', 'userId=u_1&groupId=g1&minute=5', 1002],
  ])('gag/add with %s is 400 + %i and changes nothing', async (_label, form, code) => {
    const res = await call(GAG, form);
    expect([res.status, res.body]).toEqual([400, { code, errorMessage: expect.any(String) }]);
    expect((await listed('g1')).users).toEqual([]);
  });

  it('accepts 20 userIds and the minute bounds 0 and 43200', async () => {
    expect((await call(GAG, [...userIds(20), ['groupId', 'g1'], ['minute', '43200']])).body.code).toBe(200);
    expect((await call(GAG, 'userId=u1&groupId=g1&minute=0')).body.code).toBe(200);
  });

  it('rollback and list check their parameters like gag/add', async () => {
    for (const [path, form] of [
      [UNGAG, [...userIds(21), ['groupId', 'g1']]],
      [UNGAG, 'groupId=g1'],
      [LIST, 'groupId=g%201'],
    ] as const) {
      const res = await call(path, form);
      expect([res.status, res.body.code], path).toEqual([400, 1002]);
    }
  });
});

describe('gag list outside China (serverTimeZone UTC)', () => {
  const emulator = useEmulator({ serverTimeZone: 'UTC' });

  it('gives startTime and time in UTC, the end rounded up to the second', async () => {
    setClock('2024-02-07T10:25:12.400Z');
    await callApi(emulator.current.url, GAG, 'userId=u1&groupId=g1&minute=30');
    const res = await callApi(emulator.current.url, LIST, 'groupId=g1');
    expect(res.body.users).toEqual([
      { startTime: '2024-02-07 10:25:12', time: '2024-02-07 10:55:13', userId: 'u1' },
    ]);
    expect(emulator.current.state.getGroupMutes('g1').gagged).toEqual([
      { userId: 'u1', until: '2024-02-07T10:55:12.400Z' },
    ]);
  });
});
