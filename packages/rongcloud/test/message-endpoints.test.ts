// Group messages (§3.14): the fields sent, local refusals, and a rate-limit answer.
import { describe, expect, it } from 'vitest';
import { createTestClient, fieldsOf, OK, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

describe('message.publishGroup', () => {
  it('posts sender, repeated groups and recipients, object name and the content as JSON text', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.message.publishGroup({
      fromUserId: 'sys',
      groupIds: ['g1'],
      toUserIds: ['u1', 'u2'],
      objectName: 'RC:GrpNtf',
      content: { operation: 'Kicked', data: '{"a":1}' },
    });
    await client.message.publishGroup({
      fromUserId: 'u9',
      groupIds: ['g1', 'g2'],
      objectName: 'RC:TxtMsg',
      content: { content: '@所有人 周六爬山' },
      isMentioned: true,
      isIncludeSender: true,
    });
    expect(server.requests.map((request) => [request.path, fieldsOf(request)])).toEqual([
      [
        '/message/group/publish.json',
        [
          ['fromUserId', 'sys'],
          ['toGroupId', 'g1'],
          ['toUserId', 'u1'],
          ['toUserId', 'u2'],
          ['objectName', 'RC:GrpNtf'],
          ['content', '{"operation":"Kicked","data":"{\\"a\\":1}"}'],
        ],
      ],
      [
        '/message/group/publish.json',
        [
          ['fromUserId', 'u9'],
          ['toGroupId', 'g1'],
          ['toGroupId', 'g2'],
          ['objectName', 'RC:TxtMsg'],
          ['content', '{"content":"@所有人 周六爬山"}'],
          ['isMentioned', '1'],
          ['isIncludeSender', '1'],
        ],
      ],
    ]);
  });

  it('refuses locally what RongCloud would refuse, sending nothing', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    const base = { fromUserId: 'sys', objectName: 'RC:GrpNtf', content: {} };
    for (const input of [
      { ...base, groupIds: [] },
      { ...base, groupIds: ['a', 'b', 'c', 'd'] },
      { ...base, groupIds: ['a', 'b'], toUserIds: ['u'] },
      { ...base, groupIds: ['a'], objectName: 'X'.repeat(33) },
      { ...base, groupIds: ['a'], fromUserId: 'not valid' },
    ]) {
      const error = (await rejectionOf(client.message.publishGroup(input))) as { code: unknown };
      expect(error.code).toBe(1002);
    }
    expect(server.requests).toHaveLength(0);
  });

  it('reports a rate limit as a retryable 1008 after its retries', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      status: 429,
      json: { code: 1008, errorMessage: 'too many' },
    }));
    const client = createTestClient([server.url], { maxRetries: 1, retryBaseDelayMs: 1 });
    const error = await rejectionOf(
      client.message.publishGroup({ fromUserId: 's', groupIds: ['g'], objectName: 'RC:GrpNtf', content: {} }),
    );
    expect(error).toMatchObject({ code: 1008, httpStatus: 429, retryable: true });
    expect(server.requests).toHaveLength(2);
  });
});
