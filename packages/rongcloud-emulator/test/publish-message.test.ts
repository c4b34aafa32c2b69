// POST /message/group/publish.json (§3.14) and GET /_emulator/groups/{id}/messages: what a chat would show.
import { describe, expect, it } from 'vitest';
import { callApi, callControl } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const PUBLISH = '/message/group/publish.json';
const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
const notice = (groups: string[], extra: Array<[string, string]> = []) =>
  form([
    ['fromUserId', 'sys'],
    ...groups.map((id): [string, string] => ['toGroupId', id]),
    ['objectName', 'RC:GrpNtf'],
    ['content', JSON.stringify({ operation: 'Add', message: '甲 邀请 乙 加入群组' })],
    ...extra,
  ]);

describe('publishing to groups', () => {
  const emulator = useEmulator();

  it('keeps each message per group, oldest first, directed ones with their recipients, after dismissal', async () => {
    const url = emulator.current.url;
    expect((await callApi(url, '/group/create.json', 'userId=a&groupId=g1&groupName=G')).body.code).toBe(200);
    expect((await callApi(url, PUBLISH, notice(['g1', 'g2']))).body).toEqual({ code: 200 });
    const directed = notice(
      ['g1'],
      [
        ['toUserId', 'b'],
        ['toUserId', 'c'],
      ],
    );
    expect((await callApi(url, PUBLISH, directed)).body.code).toBe(200);
    await callApi(url, '/group/dismiss.json', 'userId=a&groupId=g1');
    const read = await callControl(url, 'GET', '/_emulator/groups/g1/messages');
    expect(read.status).toBe(200);
    const content = { operation: 'Add', message: '甲 邀请 乙 加入群组' };
    expect(read.body).toEqual([
      { fromUserId: 'sys', objectName: 'RC:GrpNtf', content, toUserIds: null },
      { fromUserId: 'sys', objectName: 'RC:GrpNtf', content, toUserIds: ['b', 'c'] },
    ]);
    expect((await callControl(url, 'GET', '/_emulator/groups/g2/messages')).body).toHaveLength(1);
    expect((await callControl(url, 'GET', '/_emulator/groups/never/messages')).body).toEqual([]);
  });

  it('refuses what RongCloud refuses with 1002, and stores nothing', async () => {
    const url = emulator.current.url;
    const refused = [
      notice(['a', 'b', 'c', 'd']),
      notice(['a', 'b'], [['toUserId', 'u']]),
      form([
        ['fromUserId', 'sys'],
        ['toGroupId', 'bad1'],
        ['objectName', 'RC:TxtMsg'],
        ['content', 'not json'],
      ]),
      form([
        ['toGroupId', 'bad1'],
        ['objectName', 'RC:TxtMsg'],
        ['content', '{}'],
      ]),
      notice(['bad1'], [['isMentioned', '1']]),
    ];
    for (const body of refused) {
      const answer = await callApi(url, PUBLISH, body);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(1002);
    }
    expect(emulator.current.state.getMessages('bad1')).toEqual([]);
  });
});

describe('the group message rate limit', () => {
  const emulator = useEmulator({ rateLimitWindowMs: 60_000 });

  it('allows 20 a second per app, each target group counting once', async () => {
    const url = emulator.current.url;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await callApi(url, PUBLISH, notice(['r1', 'r2', 'r3']))).body.code);
    expect(codes).toEqual([200, 200, 200, 200, 200, 200]);
    const limited = await callApi(url, PUBLISH, notice(['r1', 'r2', 'r3']));
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe(1008);
    expect((await callApi(url, PUBLISH, notice(['r1', 'r2']))).body.code).toBe(200);
    expect((await callApi(url, PUBLISH, notice(['r1']))).body.code).toBe(1008);
    expect(emulator.current.state.getMessages('r1')).toHaveLength(7);
  });
});
