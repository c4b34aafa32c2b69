// Group mute endpoints (§3.11, §3.16): fields sent, 20-id chunks, answer parsing, time zones, error mapping.
import { describe, expect, it } from 'vitest';
import { createTestClient, fieldsOf, OK, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

const ids = (count: number, prefix = 'u'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const gagList = (users: unknown[]) => () => ({ json: { code: 200, users } });

describe('member gags', () => {
  it('gagMembers posts the repeated userId, then groupId and minute', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.gagMembers({ groupId: 'g1', userIds: ['u1', 'u2'], minutes: 30 });
    await client.group.gagMembers({ groupId: 'g1', userIds: ['u3'], minutes: 0 });
    expect(server.requests.map((request) => [request.path, fieldsOf(request)])).toEqual([
      [
        '/group/user/gag/add.json',
        [
          ['userId', 'u1'],
          ['userId', 'u2'],
          ['groupId', 'g1'],
          ['minute', '30'],
        ],
      ],
      [
        '/group/user/gag/add.json',
        [
          ['userId', 'u3'],
          ['groupId', 'g1'],
          ['minute', '0'],
        ],
      ],
    ]);
  });

  it('splits userIds into calls of at most 20, dropping repeats, each with groupId and minute', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const userIds = ids(45);
    await createTestClient([server.url]).group.gagMembers({
      groupId: 'g1',
      userIds: [...userIds, 'u0', 'u44'],
      minutes: 5,
    });
    expect(server.requests.map((request) => request.form.getAll('userId').length)).toEqual([20, 20, 5]);
    expect(server.requests.flatMap((request) => request.form.getAll('userId'))).toEqual(userIds);
    for (const request of server.requests) {
      expect([request.form.getAll('groupId'), request.form.getAll('minute')]).toEqual([['g1'], ['5']]);
    }
  });

  it('ungagMembers posts userId and groupId, in chunks of 20', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.ungagMembers({ groupId: 'g1', userIds: ids(21) });
    expect(server.requests.map((request) => [request.path, request.form.getAll('userId').length])).toEqual([
      ['/group/user/gag/rollback.json', 20],
      ['/group/user/gag/rollback.json', 1],
    ]);
    expect(fieldsOf(server.requests[1])).toEqual([
      ['userId', 'u20'],
      ['groupId', 'g1'],
    ]);
  });

  it('stops at the first failing chunk and reports its endpoint', async () => {
    let calls = 0;
    const server = await startFakeRongCloud('primary', () =>
      ++calls === 2 ? { status: 400, json: { code: 1002, errorMessage: 'bad chunk' } } : OK,
    );
    const error = await rejectionOf(
      createTestClient([server.url]).group.gagMembers({ groupId: 'g1', userIds: ids(60), minutes: 1 }),
    );
    expect(error).toMatchObject({ code: 1002, retryable: false, endpoint: '/group/user/gag/add.json' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('listGagged', () => {
  it('posts groupId and reads `time` as Beijing time by default', async () => {
    const server = await startFakeRongCloud(
      'primary',
      gagList([
        { startTime: '2024-02-07 18:25:12', time: '2024-02-07 18:55:12', userId: 'u1' },
        { time: '2024-12-31 23:59:59', userId: 'u2' },
      ]),
    );
    const gagged = await createTestClient([server.url]).group.listGagged({ groupId: 'g1' });
    expect(server.requests[0]?.path).toBe('/group/user/gag/list.json');
    expect(fieldsOf(server.requests[0])).toEqual([['groupId', 'g1']]);
    expect(gagged).toEqual([
      { userId: 'u1', until: new Date('2024-02-07T10:55:12Z') },
      { userId: 'u2', until: new Date('2024-12-31T15:59:59Z') },
    ]);
  });

  it('reads `time` as UTC with serverTimeZone UTC (data centres outside China)', async () => {
    const server = await startFakeRongCloud(
      'primary',
      gagList([{ startTime: '2024-02-07 18:25:12', time: '2024-02-07 18:55:12', userId: 'u1' }]),
    );
    const client = createTestClient([server.url], { serverTimeZone: 'UTC' });
    expect(await client.group.listGagged({ groupId: 'g1' })).toEqual([
      { userId: 'u1', until: new Date('2024-02-07T18:55:12Z') },
    ]);
  });

  it('reads every shape a timed gag cannot have as a gag until lifted (until: null)', async () => {
    const server = await startFakeRongCloud(
      'primary',
      gagList([
        { userId: 'noTime', startTime: '2024-02-07 18:25:12' },
        { userId: 'empty', time: '' },
        { userId: 'nullTime', time: null },
        { userId: 'zero', time: '0000-00-00 00:00:00' },
        { userId: 'farFuture', startTime: '2024-02-07 18:25:12', time: '2099-12-31 23:59:59' },
        { userId: 'longest', startTime: '2024-01-01 00:00:00', time: '2024-01-31 00:00:00' },
      ]),
    );
    const gagged = await createTestClient([server.url]).group.listGagged({ groupId: 'g1' });
    expect(gagged).toEqual([
      { userId: 'noTime', until: null },
      { userId: 'empty', until: null },
      { userId: 'nullTime', until: null },
      { userId: 'zero', until: null },
      { userId: 'farFuture', until: null },
      // Exactly 43200 minutes is the longest timed gag, so it keeps its end.
      { userId: 'longest', until: new Date('2024-01-30T16:00:00Z') },
    ]);
  });

  it('reads a missing users list as nobody gagged', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await expect(createTestClient([server.url]).group.listGagged({ groupId: 'g1' })).resolves.toEqual([]);
  });

  it.each<[string, unknown]>([
    ['users that is not an array', 'u1'],
    ['an entry without a userId', [{ time: '2024-02-07 18:55:12' }]],
    ['a time in another format', [{ userId: 'u1', time: '2024-02-07T18:55:12Z' }]],
    ['a time that is not a real date', [{ userId: 'u1', time: '2024-02-30 10:00:00' }]],
    ['a numeric time', [{ userId: 'u1', time: 1707303312 }]],
  ])('refuses %s as a non-retryable invalid_response', async (_label, users) => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: 200, users } }));
    const error = await rejectionOf(createTestClient([server.url]).group.listGagged({ groupId: 'g1' }));
    expect(error).toMatchObject({
      code: 'invalid_response',
      retryable: false,
      endpoint: '/group/user/gag/list.json',
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe('whole-group mute', () => {
  it('muteAll and unmuteAll repeat groupId, at most 20 per call', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.muteAll({ groupIds: ids(25, 'g') });
    await client.group.unmuteAll({ groupIds: ['g1', 'g2', 'g1'] });
    expect(server.requests.map((request) => [request.path, request.form.getAll('groupId').length])).toEqual([
      ['/group/ban/add.json', 20],
      ['/group/ban/add.json', 5],
      ['/group/ban/rollback.json', 2],
    ]);
    expect(fieldsOf(server.requests[2])).toEqual([
      ['groupId', 'g1'],
      ['groupId', 'g2'],
    ]);
  });

  it('queryMuteAll maps groupinfo stat to muted, chunk after chunk', async () => {
    const server = await startFakeRongCloud('primary', (request) => ({
      json: {
        code: 200,
        groupinfo: request.form.getAll('groupId').map((groupId, i) => ({ groupId, stat: i === 0 ? 1 : 0 })),
      },
    }));
    const states = await createTestClient([server.url]).group.queryMuteAll({ groupIds: ids(22, 'g') });
    expect(server.requests.map((request) => [request.path, request.form.getAll('groupId').length])).toEqual([
      ['/group/ban/query.json', 20],
      ['/group/ban/query.json', 2],
    ]);
    expect(states).toHaveLength(22);
    expect(states.slice(0, 2)).toEqual([
      { groupId: 'g0', muted: true },
      { groupId: 'g1', muted: false },
    ]);
    expect(states.slice(20)).toEqual([
      { groupId: 'g20', muted: true },
      { groupId: 'g21', muted: false },
    ]);
  });

  it('queryMuteAll accepts a numeric-string stat and a missing groupinfo', async () => {
    const replies = [{ json: { code: 200, groupinfo: [{ groupId: 'g1', stat: '1' }] } }, OK];
    const server = await startFakeRongCloud('primary', () => replies.shift() ?? OK);
    const client = createTestClient([server.url]);
    expect(await client.group.queryMuteAll({ groupIds: ['g1'] })).toEqual([{ groupId: 'g1', muted: true }]);
    expect(await client.group.queryMuteAll({ groupIds: ['g2'] })).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['groupinfo that is not an array', { groupId: 'g1', stat: 1 }],
    ['a stat other than 0 or 1', [{ groupId: 'g1', stat: 2 }]],
    ['an entry without a groupId', [{ stat: 1 }]],
  ])('queryMuteAll refuses %s', async (_label, groupinfo) => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: 200, groupinfo } }));
    const error = await rejectionOf(createTestClient([server.url]).group.queryMuteAll({ groupIds: ['g1'] }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('a rate-limited query is retried like any other call', async () => {
    let calls = 0;
    const server = await startFakeRongCloud('primary', () =>
      ++calls === 1
        ? { status: 429, json: { code: 1008, errorMessage: 'rate limited' } }
        : { json: { code: 200, groupinfo: [{ groupId: 'g1', stat: 0 }] } },
    );
    const states = await createTestClient([server.url]).group.queryMuteAll({ groupIds: ['g1'] });
    expect(states).toEqual([{ groupId: 'g1', muted: false }]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('mute whitelist', () => {
  it('add and remove post userId then groupId, at most 20 per call', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.addToMuteWhitelist({ groupId: 'g1', userIds: ['owner1', 'admin1'] });
    await client.group.removeFromMuteWhitelist({ groupId: 'g1', userIds: ids(21) });
    expect(server.requests.map((request) => [request.path, request.form.getAll('userId').length])).toEqual([
      ['/group/user/ban/whitelist/add.json', 2],
      ['/group/user/ban/whitelist/rollback.json', 20],
      ['/group/user/ban/whitelist/rollback.json', 1],
    ]);
    expect(fieldsOf(server.requests[0])).toEqual([
      ['userId', 'owner1'],
      ['userId', 'admin1'],
      ['groupId', 'g1'],
    ]);
  });

  it('queryMuteWhitelist posts groupId and returns userIds', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      json: { code: 200, userIds: ['2111', '2582'] },
    }));
    const userIds = await createTestClient([server.url]).group.queryMuteWhitelist({ groupId: 'g1' });
    expect(userIds).toEqual(['2111', '2582']);
    expect(server.requests[0]?.path).toBe('/group/user/ban/whitelist/query.json');
    expect(fieldsOf(server.requests[0])).toEqual([['groupId', 'g1']]);
  });

  it('queryMuteWhitelist reads a missing list as empty and refuses a malformed one', async () => {
    const replies = [OK, { json: { code: 200, userIds: ['u1', 7] } }];
    const server = await startFakeRongCloud('primary', () => replies.shift() ?? OK);
    const client = createTestClient([server.url]);
    expect(await client.group.queryMuteWhitelist({ groupId: 'g1' })).toEqual([]);
    const error = await rejectionOf(client.group.queryMuteWhitelist({ groupId: 'g1' }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('a signature error is thrown at once, without retry', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      status: 401,
      json: { code: 1004, errorMessage: 'signature error' },
    }));
    const error = await rejectionOf(
      createTestClient([server.url]).group.addToMuteWhitelist({ groupId: 'g1', userIds: ['u1'] }),
    );
    expect(error).toMatchObject({
      code: 1004,
      httpStatus: 401,
      retryable: false,
      endpoint: '/group/user/ban/whitelist/add.json',
    });
    expect(server.requests).toHaveLength(1);
  });
});
