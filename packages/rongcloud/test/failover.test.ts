// Base-URL failover (§2.2): timeouts, refused connections and 5xx move to the other host at once; 4xx never.
import { describe, expect, it } from 'vitest';
import {
  createTestClient,
  OK,
  type RecordedRequest,
  refusedUrl,
  rejectionOf,
  startFakeRongCloud,
} from './helpers/fake-rongcloud.ts';

const refreshGroup = { groupId: 'g1', groupName: 'One' };
// Large enough that a test would time out if the switch to an untried host waited for backoff.
const SLOW_BACKOFF = { retryBaseDelayMs: 20_000, retryMaxDelayMs: 20_000 };

describe('failover to the backup base URL', () => {
  it('retries a 5xx on the backup at once and keeps the backup as the current host', async () => {
    const log: RecordedRequest[] = [];
    const primary = await startFakeRongCloud('primary', () => ({ status: 502, json: { code: 1000 } }), log);
    const backup = await startFakeRongCloud('backup', () => OK, log);
    const client = createTestClient([primary.url, backup.url], SLOW_BACKOFF);

    await client.group.refresh(refreshGroup);
    await client.group.refresh(refreshGroup);

    expect(log.map((request) => request.server)).toEqual(['primary', 'backup', 'backup']);
  });

  it('moves to the backup when the primary refuses connections', async () => {
    const backup = await startFakeRongCloud('backup', () => OK);
    const client = createTestClient([await refusedUrl(), backup.url], SLOW_BACKOFF);
    await client.group.dismiss({ groupId: 'g1', userId: 'u1' });
    expect(backup.requests).toHaveLength(1);
    expect(backup.requests[0]?.path).toBe('/group/dismiss.json');
  });

  it('moves to the backup when the primary does not answer within timeoutMs', async () => {
    const primary = await startFakeRongCloud('primary', () => ({ hang: true }));
    const backup = await startFakeRongCloud('backup', () => OK);
    const client = createTestClient([primary.url, backup.url], { ...SLOW_BACKOFF, timeoutMs: 100 });
    const started = performance.now();
    await client.group.refresh(refreshGroup);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(primary.requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
  });

  it('moves to the backup on a garbled 5xx page from an edge node', async () => {
    const primary = await startFakeRongCloud('primary', () => ({
      status: 502,
      text: '<html>Bad Gateway</html>',
    }));
    const backup = await startFakeRongCloud('backup', () => OK);
    await createTestClient([primary.url, backup.url], SLOW_BACKOFF).group.refresh(refreshGroup);
    expect(backup.requests).toHaveLength(1);
  });

  it('keeps alternating while both hosts fail, then reports the last failure', async () => {
    const log: RecordedRequest[] = [];
    const primary = await startFakeRongCloud('primary', () => ({ status: 503, json: { code: 1000 } }), log);
    const backup = await startFakeRongCloud('backup', () => ({ status: 504, json: { code: 1050 } }), log);
    const error = await rejectionOf(createTestClient([primary.url, backup.url]).group.refresh(refreshGroup));
    expect(log.map((request) => request.server)).toEqual(['primary', 'backup', 'primary', 'backup']);
    expect(error).toMatchObject({ code: 1050, httpStatus: 504, retryable: true, attempts: 4 });
  });

  it('reports a timeout as code "timeout", retryable, without an HTTP status', async () => {
    const primary = await startFakeRongCloud('primary', () => ({ hang: true }));
    const client = createTestClient([primary.url], { timeoutMs: 50, maxRetries: 1 });
    const error = await rejectionOf(client.group.refresh(refreshGroup));
    expect(error).toMatchObject({ code: 'timeout', httpStatus: undefined, retryable: true, attempts: 2 });
  });

  it('reports a refused connection as code "network", retryable', async () => {
    const client = createTestClient([await refusedUrl()], { maxRetries: 1 });
    const error = await rejectionOf(client.group.refresh(refreshGroup));
    expect(error).toMatchObject({ code: 'network', httpStatus: undefined, retryable: true, attempts: 2 });
  });

  it('switches once when concurrent calls fail on the same host', async () => {
    const primary = await startFakeRongCloud('primary', () => ({ status: 500, json: { code: 1000 } }));
    const backup = await startFakeRongCloud('backup', () => OK);
    const client = createTestClient([primary.url, backup.url], SLOW_BACKOFF);
    await Promise.all([client.group.refresh(refreshGroup), client.group.refresh(refreshGroup)]);
    await client.group.refresh(refreshGroup);
    expect(primary.requests).toHaveLength(2);
    expect(backup.requests).toHaveLength(3);
  });
});

describe('no failover on 4xx', () => {
  it('a 4xx business error neither switches host nor retries, and the primary stays current', async () => {
    const log: RecordedRequest[] = [];
    let calls = 0;
    const primary = await startFakeRongCloud(
      'primary',
      () => (++calls === 1 ? { status: 400, json: { code: 1002, errorMessage: 'bad' } } : OK),
      log,
    );
    const backup = await startFakeRongCloud('backup', () => OK, log);
    const client = createTestClient([primary.url, backup.url]);

    const error = await rejectionOf(client.group.refresh(refreshGroup));
    expect(error).toMatchObject({ code: 1002, httpStatus: 400, retryable: false });
    await client.group.refresh(refreshGroup);

    expect(log.map((request) => request.server)).toEqual(['primary', 'primary']);
  });

  it('rate limiting backs off on the same host instead of switching', async () => {
    let calls = 0;
    const primary = await startFakeRongCloud('primary', () =>
      ++calls === 1 ? { status: 429, json: { code: 1008 } } : OK,
    );
    const backup = await startFakeRongCloud('backup', () => OK);
    await createTestClient([primary.url, backup.url]).group.refresh(refreshGroup);
    expect(primary.requests).toHaveLength(2);
    expect(backup.requests).toHaveLength(0);
  });
});
