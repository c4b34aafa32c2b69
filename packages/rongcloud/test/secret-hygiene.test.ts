// The App Secret must never leak: not in errors (message, stack, JSON, inspect), the client, or the logs.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createRongCloudClient, type RongCloudLogger } from '../src/index.ts';
import {
  APP_SECRET,
  createTestClient,
  refusedUrl,
  rejectionOf,
  startFakeRongCloud,
} from './helpers/fake-rongcloud.ts';

function expectNoSecret(value: unknown): void {
  const error = value as Error;
  expect(error.message).not.toContain(APP_SECRET);
  expect(String(error.stack)).not.toContain(APP_SECRET);
  expect(JSON.stringify(error)).not.toContain(APP_SECRET);
  expect(inspect(error, { depth: 10, showHidden: true })).not.toContain(APP_SECRET);
}

describe('secret hygiene', () => {
  it('keeps the secret out of business, transport, timeout, abort and validation errors', async () => {
    const server = await startFakeRongCloud('primary', (request) =>
      request.path === '/group/refresh.json'
        ? { status: 401, json: { code: 1004, errorMessage: 'signature error' } }
        : { hang: true },
    );
    const client = createTestClient([server.url], { maxRetries: 0 });
    const impatient = createTestClient([server.url], { timeoutMs: 50, maxRetries: 0 });
    const refused = createTestClient([await refusedUrl()], { maxRetries: 0 });
    const errors = [
      await rejectionOf(client.group.refresh({ groupId: 'g1', groupName: 'G' })),
      await rejectionOf(impatient.group.queryMembers({ groupId: 'g1' })),
      await rejectionOf(client.group.queryMembers({ groupId: 'g1' }, { signal: AbortSignal.abort() })),
      await rejectionOf(refused.group.queryMembers({ groupId: 'g1' })),
      await rejectionOf(client.user.getToken({ userId: 'bad id', name: 'A' })),
    ];
    expect(errors.map((error) => (error as { code: unknown }).code)).toEqual([
      1004,
      'timeout',
      'aborted',
      'network',
      1002,
    ]);
    for (const error of errors) expectNoSecret(error);
  });

  it('does not expose the secret on the client object', () => {
    const client = createTestClient(['http://127.0.0.1:9']);
    expect(JSON.stringify(client)).not.toContain(APP_SECRET);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(APP_SECRET);
    expect(Object.keys(client).sort()).toEqual(['group', 'message', 'user']);
  });

  it('never hands the secret to the logger', async () => {
    const lines: string[] = [];
    const logger: RongCloudLogger = {
      debug: (fields, message) => lines.push(JSON.stringify({ fields, message })),
      warn: (fields, message) => lines.push(JSON.stringify({ fields, message })),
    };
    let calls = 0;
    const server = await startFakeRongCloud('primary', () =>
      ++calls === 1 ? { status: 500, json: { code: 1000 } } : { json: { code: 200 } },
    );
    const client = createTestClient([server.url], { logger });
    await client.group.refresh({ groupId: 'g1', groupName: 'G' });
    expect(lines.some((line) => line.includes('retrying'))).toBe(true);
    expect(lines.join('\n')).not.toContain(APP_SECRET);
  });

  it('does not echo the secret in configuration errors', () => {
    expect(() => createRongCloudClient({ appKey: 'k', appSecret: APP_SECRET, baseUrls: [] })).toThrowError(
      expect.objectContaining({ message: expect.not.stringContaining(APP_SECRET) }),
    );
  });
});
