// The caller's AbortSignal is an overall deadline: aborting stops the call at once, with no more retries.
import { describe, expect, it } from 'vitest';
import { RongCloudError } from '../src/index.ts';
import { createTestClient, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

const refreshGroup = { groupId: 'g1', groupName: 'One' };

describe('abort via CallOptions.signal', () => {
  it('stops during backoff: no further request, retryable "aborted" error', async () => {
    const server = await startFakeRongCloud('primary', () => ({ status: 429, json: { code: 1008 } }));
    const client = createTestClient([server.url], { retryBaseDelayMs: 5_000, retryMaxDelayMs: 5_000 });
    const controller = new AbortController();
    const call = client.group.refresh(refreshGroup, { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    const started = performance.now();
    controller.abort();
    const error = await rejectionOf(call);

    expect(performance.now() - started).toBeLessThan(500);
    expect(error).toBeInstanceOf(RongCloudError);
    expect(error).toMatchObject({
      code: 'aborted',
      retryable: true,
      endpoint: '/group/refresh.json',
      attempts: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(server.requests).toHaveLength(1);
  });

  it('cancels a request in flight instead of waiting for timeoutMs, and does not fail over', async () => {
    const primary = await startFakeRongCloud('primary', () => ({ hang: true }));
    const backup = await startFakeRongCloud('backup', () => ({ json: { code: 200 } }));
    const client = createTestClient([primary.url, backup.url], { timeoutMs: 5_000 });
    const started = performance.now();
    const error = await rejectionOf(client.group.refresh(refreshGroup, { signal: AbortSignal.timeout(50) }));

    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ code: 'aborted', retryable: true, httpStatus: undefined });
    expect((error as Error).cause).toBeInstanceOf(DOMException);
    expect(backup.requests).toHaveLength(0);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: 200 } }));
    const error = await rejectionOf(
      createTestClient([server.url]).group.refresh(refreshGroup, { signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ code: 'aborted', retryable: true, attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('stops a multi-chunk operation between chunks', async () => {
    const controller = new AbortController();
    const server = await startFakeRongCloud('primary', () => {
      controller.abort();
      return { json: { code: 200 } };
    });
    const userIds = Array.from({ length: 1500 }, (_, i) => `u${i}`);
    const error = await rejectionOf(
      createTestClient([server.url]).group.join({ groupId: 'g1', userIds }, { signal: controller.signal }),
    );
    expect(error).toMatchObject({ code: 'aborted', endpoint: '/group/join.json' });
    expect(server.requests).toHaveLength(1);
  });
});
