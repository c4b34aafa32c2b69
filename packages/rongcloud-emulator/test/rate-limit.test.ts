// Per-endpoint, per-App-Key rate limits → HTTP 429 + code 1008 (§5).
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { callApi, callControl } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const QUERY = '/group/user/query.json';

describe('configured low limit', () => {
  const emulator = useEmulator({ rateLimits: { [QUERY]: 2 }, rateLimitWindowMs: 500 });
  const query = () => callApi(emulator.current.url, QUERY, 'groupId=g1');

  it('answers the call past the limit with 429 + 1008, per endpoint, until the window ends', async () => {
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push((await query()).body.code);
    expect(codes).toEqual([200, 200, 1008]);
    const limited = await query();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 1008, errorMessage: expect.any(String) });
    const other = await callApi(emulator.current.url, '/group/refresh.json', 'groupId=g1&groupName=G');
    expect(other.body.code).toBe(200);
    await sleep(550);
    expect((await query()).body.code).toBe(200);
    const calls = await callControl(emulator.current.url, 'GET', '/_emulator/calls');
    expect(calls.body[QUERY]).toEqual({ ok: 3, failed: 2 });
  });
});

describe('wildcard limit', () => {
  const emulator = useEmulator({ rateLimits: { '*': 1, '/group/join.json': 2 }, rateLimitWindowMs: 60_000 });

  it('applies "*" to every endpoint and lets a specific entry override it', async () => {
    const url = emulator.current.url;
    const joins = [];
    for (let i = 0; i < 3; i += 1)
      joins.push((await callApi(url, '/group/join.json', `userId=u${i}&groupId=g`)).body.code);
    expect(joins).toEqual([200, 200, 1008]);
    expect(emulator.current.state.getGroup('g')?.members).toEqual(['u0', 'u1']);
    const tokens = [];
    for (let i = 0; i < 2; i += 1)
      tokens.push((await callApi(url, '/user/getToken.json', 'userId=a&name=A')).body.code);
    expect(tokens).toEqual([200, 1008]);
  });

  it('starts with fresh windows after a reset', async () => {
    const res = await callApi(emulator.current.url, '/user/getToken.json', 'userId=a&name=A');
    expect(res.body.code).toBe(200);
  });
});

describe('default limits', () => {
  // A long window keeps the test deterministic however slowly the calls run.
  const emulator = useEmulator({ rateLimitWindowMs: 60_000 });

  it('allows 100 calls per window on group endpoints and 200 on getToken', async () => {
    const url = emulator.current.url;
    const queryCodes = [];
    for (let i = 0; i < 101; i += 1) queryCodes.push((await callApi(url, QUERY, 'groupId=g')).body.code);
    expect(queryCodes.filter((code) => code === 200)).toHaveLength(100);
    expect(queryCodes.at(-1)).toBe(1008);
    const tokenCodes = [];
    for (let i = 0; i < 201; i += 1)
      tokenCodes.push((await callApi(url, '/user/getToken.json', 'userId=a&name=A')).body.code);
    expect(tokenCodes.filter((code) => code === 200)).toHaveLength(200);
    expect(tokenCodes.at(-1)).toBe(1008);
  });
});
