// A call we stopped waiting for may still be applied by RongCloud afterwards. If a repair read RongCloud's state
// before that late call landed, it would find the group in step, clear the marks, and the late call would then undo
// a newer change for good. The target is therefore held for RONGCLOUD_LATE_APPLY_MS after any failed call.

import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { countOutOfStepTargets } from '@groupchat/db';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rongCloudDifferences } from './rongcloud-match.ts';
import { eventually, registerUser, startTestServer, type TestServer } from './test-server.ts';

const appKey = 'late-apply-key';
const appSecret = randomBytes(12).toString('hex');
const DEADLINE_MS = 200;
const LATENCY_MS = 800;
let emulator: RunningEmulator;
let server: TestServer;

beforeAll(async () => {
  emulator = await startEmulator({ appKey, appSecret, port: 0 });
  server = await startTestServer({
    RONGCLOUD_APP_KEY: appKey,
    RONGCLOUD_APP_SECRET: appSecret,
    RONGCLOUD_API_URL: emulator.url,
    RONGCLOUD_REQUEST_DEADLINE_MS: String(DEADLINE_MS),
    RONGCLOUD_LATE_APPLY_MS: String(LATENCY_MS + 400),
  });
});
afterAll(async () => {
  await server?.close();
  await emulator?.close();
});

const post = (path: string, user: { auth: Record<string, string> }, body: unknown = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...user.auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('a RongCloud call applied after we gave up on it', () => {
  it('does not undo a later change: the group converges to MongoDB once the late call has landed', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const created = await post('/api/im/group/', owner, { name: 'late' });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: number };
    await eventually(async () => expect(await rongCloudDifferences(server.db, emulator)).toEqual([]));

    // The join reaches RongCloud, which applies it only after the request stopped waiting for it.
    emulator.addFault({ endpoint: '/group/join.json', count: 1, latencyMs: LATENCY_MS });
    expect((await post(`/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status).toBe(200);
    expect((await post(`/api/im/group/${group.id}/quit/`, member)).status).toBe(200);

    await sleep(LATENCY_MS + 200);
    expect(emulator.state.getCalls()['/group/join.json']?.ok).toBeGreaterThanOrEqual(1);
    await eventually(async () => {
      expect(emulator.state.getGroup(`T${group.id}`)?.members).toEqual([`T${owner.id}`]);
      expect(await rongCloudDifferences(server.db, emulator)).toEqual([]);
      expect(await countOutOfStepTargets(server.db)).toBe(0);
    });
  });
});
