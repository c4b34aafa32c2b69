// App-Key and Signature checks (§1.2–1.4): accepted variants and every rejection.
import { describe, expect, it } from 'vitest';
import { computeSignature, startEmulator } from '../src/index.ts';
import {
  APP_KEY,
  APP_SECRET,
  buildAuthHeaders,
  callApi,
  callControl,
  postWithRawHeaders,
  sha1Hex,
} from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const GET_TOKEN = '/user/getToken.json';
const TOKEN_FORM = [
  ['userId', 'u1'],
  ['name', 'Alice'],
] as const;
const JSON_UTF8 = 'application/json; charset=utf-8';

describe('signature', () => {
  const emulator = useEmulator();

  it('computes the documented test vector', () => {
    expect(computeSignature('Y1W2MeFwwwRxa0', '14314', '1408710653000')).toBe(
      '30be0bbca9c9b2e27578701e9fda2358a814c88f',
    );
  });

  it('accepts a millisecond timestamp', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: String(Date.now()) });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(200);
  });

  it('accepts a seconds timestamp, as every official SDK sends', async () => {
    const seconds = String(Math.floor(Date.now() / 1000));
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: seconds });
    expect(res.body.code).toBe(200);
  });

  it('accepts RC- prefixed header names', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { prefixed: true });
    expect(res.body.code).toBe(200);
  });

  it('treats header names case-insensitively', async () => {
    const nonce = '777';
    const timestamp = String(Date.now());
    const headers = {
      'APP-KEY': APP_KEY,
      nOnCe: nonce,
      'rc-TIMESTAMP': timestamp,
      'Rc-Signature': sha1Hex(`${APP_SECRET}${nonce}${timestamp}`),
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const res = await postWithRawHeaders(emulator.current.url, GET_TOKEN, headers, 'userId=u1&name=Alice');
    expect(res.body.code).toBe(200);
  });

  it('accepts a reused nonce and an old timestamp by default', async () => {
    const auth = { nonce: '14314', timestamp: '1408710653' };
    const first = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, auth);
    const second = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, auth);
    expect([first.body.code, second.body.code]).toEqual([200, 200]);
  });

  it('rejects a wrong secret with 401 and code 1004', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(res.contentType).toBe(JSON_UTF8);
    expect(res.body).toEqual({ code: 1004, errorMessage: expect.any(String) });
    expect(emulator.current.state.getUser('u1')).toBeUndefined();
  });

  it('rejects a signature made with the App Key instead of the secret', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { secret: APP_KEY });
    expect([res.status, res.body.code]).toEqual([401, 1004]);
  });

  it('rejects an uppercase hex signature (documented choice: lowercase only)', async () => {
    const nonce = '42';
    const timestamp = String(Date.now());
    const signature = sha1Hex(`${APP_SECRET}${nonce}${timestamp}`).toUpperCase();
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { nonce, timestamp, signature });
    expect([res.status, res.body.code]).toEqual([401, 1004]);
  });

  it('rejects an unknown App-Key with 401 and code 1001', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { appKey: 'someoneElse' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 1001, errorMessage: expect.any(String) });
  });

  it('rejects a missing App-Key with 401 and code 1001', async () => {
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { omit: ['App-Key'] });
    expect([res.status, res.body.code]).toEqual([401, 1001]);
  });

  it.each(['Nonce', 'Timestamp', 'Signature'] as const)(
    'rejects a missing %s with 401 and code 1004',
    async (name) => {
      const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { omit: [name] });
      expect([res.status, res.body.code]).toEqual([401, 1004]);
    },
  );

  it('rejects a request without any auth header', async () => {
    const res = await fetch(`${emulator.current.url}${GET_TOKEN}`, {
      method: 'POST',
      body: 'userId=u1&name=A',
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 1001 });
  });

  it('counts rejected calls as failed', async () => {
    await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { secret: 'wrong' });
    await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM);
    const calls = await callControl(emulator.current.url, 'GET', '/_emulator/calls');
    expect(calls.body[GET_TOKEN]).toEqual({ ok: 1, failed: 1 });
  });
});

describe('strict timestamps (opt-in)', () => {
  const emulator = useEmulator({ strictTimestamps: true, timestampToleranceMs: 60_000 });

  it('accepts fresh timestamps in milliseconds and seconds', async () => {
    const ms = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: String(Date.now()) });
    const seconds = String(Math.floor(Date.now() / 1000));
    const s = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: seconds });
    expect([ms.body.code, s.body.code]).toEqual([200, 200]);
  });

  it('rejects a timestamp outside the tolerance', async () => {
    const stale = String(Date.now() - 120_000);
    const res = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: stale });
    expect([res.status, res.body.code]).toEqual([401, 1004]);
  });

  it('rejects a reused nonce and timestamp pair', async () => {
    const auth = { nonce: 'once', timestamp: String(Date.now()) };
    const first = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, auth);
    const replay = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, auth);
    expect(first.body.code).toBe(200);
    expect([replay.status, replay.body.code]).toEqual([401, 1004]);
  });

  it('rejects a nonce longer than 18 characters and a non-numeric timestamp', async () => {
    const longNonce = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { nonce: 'n'.repeat(19) });
    const textTime = await callApi(emulator.current.url, GET_TOKEN, TOKEN_FORM, { timestamp: 'yesterday' });
    expect([longNonce.body.code, textTime.body.code]).toEqual([1004, 1004]);
  });

  it('still checks the signature first', async () => {
    const headers = buildAuthHeaders({ secret: 'wrong' });
    const res = await postWithRawHeaders(emulator.current.url, GET_TOKEN, headers, 'userId=u1&name=A');
    expect(res.body.code).toBe(1004);
  });
});

describe('startEmulator options', () => {
  it('refuses missing credentials and unknown rate-limit endpoints', async () => {
    await expect(startEmulator({ appKey: '', appSecret: 's' })).rejects.toThrow(/appKey/);
    await expect(startEmulator({ appKey: 'k', appSecret: '' })).rejects.toThrow(/appSecret/);
    await expect(
      startEmulator({ appKey: 'k', appSecret: 's', rateLimits: { '/nope.json': 1 } }),
    ).rejects.toThrow(/unknown endpoint/);
  });
});
