// Signing (§1.2–§1.4): the documented vector, the header set, and a fresh nonce/timestamp per request.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../src/index.ts';
import { APP_KEY, APP_SECRET, createTestClient, OK, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

describe('signRequest', () => {
  it('reproduces the documented test vector', () => {
    expect(signRequest('Y1W2MeFwwwRxa0', '14314', '1408710653000')).toBe(
      '30be0bbca9c9b2e27578701e9fda2358a814c88f',
    );
  });

  it('hashes the secret, not anything else, in the order secret + nonce + timestamp', () => {
    expect(signRequest('Y1W2MeFwwwRxa0', '1408710653000', '14314')).not.toBe(
      '30be0bbca9c9b2e27578701e9fda2358a814c88f',
    );
  });
});

describe('request headers', () => {
  it('sends App-Key, Nonce, Timestamp (ms), Signature and X-Request-ID, fresh on every request', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    const before = Date.now();
    await client.group.refresh({ groupId: 'g1', groupName: 'One' });
    await client.group.refresh({ groupId: 'g1', groupName: 'One' });
    const after = Date.now();

    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      const { headers } = request;
      expect(request.method).toBe('POST');
      expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(headers['app-key']).toBe(APP_KEY);
      const nonce = String(headers.nonce);
      const timestamp = String(headers.timestamp);
      expect(nonce.length).toBeGreaterThan(0);
      expect(nonce.length).toBeLessThanOrEqual(18);
      expect(timestamp).toMatch(/^\d{13}$/);
      expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
      expect(Number(timestamp)).toBeLessThanOrEqual(after);
      const expected = createHash('sha1').update(`${APP_SECRET}${nonce}${timestamp}`).digest('hex');
      expect(headers.signature).toBe(expected);
      expect(String(headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
    }
    const [first, second] = server.requests;
    expect(first?.headers.nonce).not.toBe(second?.headers.nonce);
    expect(first?.headers.signature).not.toBe(second?.headers.signature);
    expect(first?.headers['x-request-id']).not.toBe(second?.headers['x-request-id']);
  });

  it('re-signs each retry of one call', async () => {
    let calls = 0;
    const server = await startFakeRongCloud('primary', () =>
      ++calls === 1 ? { status: 429, json: { code: 1008, errorMessage: 'too many' } } : OK,
    );
    await createTestClient([server.url]).group.refresh({ groupId: 'g1', groupName: 'One' });
    const [first, second] = server.requests;
    expect(second?.headers.nonce).not.toBe(first?.headers.nonce);
    expect(second?.headers['x-request-id']).not.toBe(first?.headers['x-request-id']);
  });
});
