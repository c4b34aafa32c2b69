// Backoff between retries: exponential, jittered, capped, and actually waited for.
import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from '../src/backoff.ts';
import { createTestClient, OK, type Reply, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

describe('computeBackoffDelay', () => {
  it('doubles per retry, keeps half the step fixed and randomises the other half', () => {
    expect(computeBackoffDelay(0, 100, 10_000, () => 0)).toBe(50);
    expect(computeBackoffDelay(0, 100, 10_000, () => 1)).toBe(100);
    expect(computeBackoffDelay(3, 100, 10_000, () => 0)).toBe(400);
    expect(computeBackoffDelay(3, 100, 10_000, () => 1)).toBe(800);
  });

  it('never exceeds retryMaxDelayMs', () => {
    expect(computeBackoffDelay(20, 100, 1_000, () => 1)).toBe(1_000);
    expect(computeBackoffDelay(20, 100, 1_000, () => 0)).toBe(500);
  });
});

describe('retry timing', () => {
  it('waits at least the fixed half of each growing step between rate-limited attempts', async () => {
    const limited: Reply = { status: 429, json: { code: 1008 } };
    let calls = 0;
    const server = await startFakeRongCloud('primary', () => (++calls <= 3 ? limited : OK));
    const client = createTestClient([server.url], { retryBaseDelayMs: 40, retryMaxDelayMs: 1_000 });
    await client.group.refresh({ groupId: 'g1', groupName: 'One' });
    const times = server.requests.map((request) => request.receivedAt);
    expect(times).toHaveLength(4);
    // Steps are 40, 80, 160 ms; the fixed halves are 20, 40, 80 (minus a little timer slack).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(18);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(38);
    expect(times[3]! - times[2]!).toBeGreaterThanOrEqual(78);
  });
});
