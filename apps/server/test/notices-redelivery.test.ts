// A notice RongCloud applied after the sender stopped waiting is sent again, merged with the joins queued since.
// Read back from the emulator, the client rule of docs/api.md (drop a message whose noticeIds were all seen) keeps
// the second join: the re-sent Add carries a noticeId of its own.
import { randomBytes } from 'node:crypto';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, startTestServer, type TestServer } from './test-server.ts';

const appKey = 'redelivery-key';
const appSecret = randomBytes(12).toString('hex');
const DEADLINE_MS = 200;
const LATENCY_MS = 700;
let emulator: RunningEmulator;
let server: TestServer;

beforeAll(async () => {
  emulator = await startEmulator({ appKey, appSecret, port: 0 });
  server = await startTestServer({
    RONGCLOUD_APP_KEY: appKey,
    RONGCLOUD_APP_SECRET: appSecret,
    RONGCLOUD_API_URL: emulator.url,
    RONGCLOUD_REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    RONGCLOUD_LATE_APPLY_MS: String(LATENCY_MS + 300),
  });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

interface Notice {
  operation: string;
  targets: string[];
  noticeId: string;
  noticeIds: string[];
}

async function notices(groupId: number): Promise<Notice[]> {
  const res = await fetch(`${emulator.url}/_emulator/groups/T${groupId}/messages`);
  expect(res.status).toBe(200);
  const messages = (await res.json()) as Array<{ objectName: string; content: Record<string, string> }>;
  return messages
    .filter((message) => message.objectName === 'RC:GrpNtf')
    .map(({ content }) => ({
      operation: content.operation!,
      targets: JSON.parse(content.data!).targetUserIds,
      ...JSON.parse(content.extra!),
    }));
}

const deduplicate = (list: Notice[]) => {
  const seen = new Set<string>();
  return list.filter((notice) => {
    const fresh = notice.noticeIds.some((id) => !seen.has(id));
    for (const id of notice.noticeIds) seen.add(id);
    return fresh;
  });
};

describe('a notice published late and re-sent with the joins queued since', () => {
  it('gets a new noticeId, so a client dropping repeats still learns of every join', async () => {
    const owner = await registerUser(server.url);
    const [first, second] = [await registerUser(server.url), await registerUser(server.url)];
    const created = await requestAs(server.url, 'POST', '/api/im/group/', owner, { name: 'late' });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: number };
    await eventually(async () => expect(await notices(group.id)).toHaveLength(1));

    emulator.addFault({ endpoint: '/message/group/publish.json', count: 1, latencyMs: LATENCY_MS });
    for (const user of [first, second]) {
      const res = await requestAs(server.url, 'POST', `/api/im/group/${group.id}/join/`, owner, {
        userid: user.id,
      });
      expect(res.status).toBe(200);
    }
    const got = await eventually(async () => {
      const list = await notices(group.id);
      expect(list.at(-1)?.targets).toContain(`T${second.id}`);
      expect(await server.db.groups.findById(group.id, { notices: 1 }).lean()).toMatchObject({ notices: [] });
      return list;
    });
    // The late Add naming the first join alone, then the re-sent run naming both.
    expect(got.map((notice) => [notice.operation, notice.targets])).toEqual([
      ['Create', []],
      ['Add', [`T${first.id}`]],
      ['Add', [`T${first.id}`, `T${second.id}`]],
    ]);
    expect(got[2]!.noticeId).not.toBe(got[1]!.noticeId);
    expect(got[2]!.noticeIds).toEqual([got[1]!.noticeId, got[2]!.noticeId]);
    expect(deduplicate(got)).toEqual(got);
  });
});
