// Fault injection through /_emulator/faults: fail N, latency, drop, down-for, clearing and validation.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FaultSpecError, startEmulator } from '../src/index.ts';
import { APP_KEY, APP_SECRET, callApi, callControl } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const JOIN = '/group/join.json';

describe('faults', () => {
  const emulator = useEmulator();
  const url = () => emulator.current.url;
  const join = (userId: string, init: { signal?: AbortSignal } = {}) =>
    callApi(url(), JOIN, `userId=${userId}&groupId=g1&groupName=G`, {}, init);
  const addFault = async (fault: unknown) => {
    const res = await callControl(url(), 'POST', '/_emulator/faults', fault);
    expect(res.status).toBe(201);
    return res;
  };
  const members = () => emulator.current.state.getGroup('g1')?.members;

  it('fails the next N calls with the given status and code, then recovers', async () => {
    await addFault({ endpoint: JOIN, count: 2, httpStatus: 500, code: 1000 });
    const first = await join('u1');
    expect(first.status).toBe(500);
    expect(first.contentType).toBe('application/json; charset=utf-8');
    expect(first.body).toEqual({ code: 1000, errorMessage: expect.any(String) });
    expect((await join('u1')).status).toBe(500);
    expect(members()).toBeUndefined();
    expect((await join('u1')).body).toEqual({ code: 200 });
    const calls = await callControl(url(), 'GET', '/_emulator/calls');
    expect(calls.body[JOIN]).toEqual({ ok: 1, failed: 2 });
  });

  it('affects only the named endpoint; "*" affects all of them', async () => {
    await addFault({ endpoint: JOIN, count: 1, httpStatus: 504, code: 1050 });
    const query = await callApi(url(), '/group/user/query.json', 'groupId=g1');
    expect(query.body.code).toBe(200);
    const failed = await join('u1');
    expect([failed.status, failed.body.code]).toEqual([504, 1050]);
    await addFault({ endpoint: '*', count: 2, httpStatus: 503, code: 1000, errorMessage: 'maintenance' });
    const token = await callApi(url(), '/user/getToken.json', 'userId=u1&name=A');
    expect([token.status, token.body]).toEqual([503, { code: 1000, errorMessage: 'maintenance' }]);
    expect((await join('u1')).status).toBe(503);
    expect((await join('u1')).status).toBe(200);
  });

  it('defaults to HTTP 500 + 1000 and, without count, lasts until cleared', async () => {
    await addFault({ endpoint: JOIN });
    for (let i = 0; i < 3; i += 1) {
      const res = await join('u1');
      expect([res.status, res.body.code]).toEqual([500, 1000]);
    }
    const cleared = await callControl(url(), 'DELETE', '/_emulator/faults');
    expect(cleared.status).toBe(200);
    expect((await join('u1')).body.code).toBe(200);
  });

  it('with afterApply, applies the call but still answers with the fault', async () => {
    await addFault({ endpoint: JOIN, count: 1, httpStatus: 504, code: 1050, afterApply: true });
    expect((await join('u1')).status).toBe(504);
    expect(members()).toEqual(['u1']);
  });

  it('adds latency to the next N calls', async () => {
    await addFault({ endpoint: JOIN, latencyMs: 250, count: 1 });
    let startedAt = Date.now();
    expect((await join('u1')).body.code).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(240);
    startedAt = Date.now();
    await join('u2');
    expect(Date.now() - startedAt).toBeLessThan(200);
  });

  it('still applies a delayed call whose client gave up', async () => {
    await addFault({ endpoint: JOIN, latencyMs: 200, count: 1 });
    await expect(join('u1', { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    expect(members()).toBeUndefined();
    await sleep(300);
    expect(members()).toEqual(['u1']);
  });

  it('drops the connection without an answer and without applying the call', async () => {
    await addFault({ endpoint: JOIN, drop: true, count: 1 });
    await expect(join('u1')).rejects.toThrow();
    expect(members()).toBeUndefined();
    expect((await join('u1')).body.code).toBe(200);
    const calls = await callControl(url(), 'GET', '/_emulator/calls');
    expect(calls.body[JOIN]).toEqual({ ok: 1, failed: 1 });
  });

  it('with afterApply, drops the connection after applying the call', async () => {
    await addFault({ endpoint: JOIN, drop: true, count: 1, afterApply: true });
    await expect(join('u1')).rejects.toThrow();
    expect(members()).toEqual(['u1']);
  });

  it('makes every API path unreachable for downForMs while control endpoints keep working', async () => {
    await addFault({ downForMs: 300 });
    await expect(join('u1')).rejects.toThrow();
    await expect(callApi(url(), '/no/such.json', '')).rejects.toThrow();
    const listed = await callControl(url(), 'GET', '/_emulator/faults');
    expect(listed.body.downForMs).toBeGreaterThan(0);
    await sleep(350);
    expect((await join('u1')).body.code).toBe(200);
    const calls = await callControl(url(), 'GET', '/_emulator/calls');
    expect(calls.body[JOIN]).toEqual({ ok: 1, failed: 1 });
  });

  it('DELETE also ends a down period', async () => {
    await addFault({ downForMs: 60_000 });
    await callControl(url(), 'DELETE', '/_emulator/faults');
    expect((await join('u1')).body.code).toBe(200);
  });

  it('lists active faults with their remaining count', async () => {
    await addFault({ endpoint: JOIN, count: 3, httpStatus: 500, code: 1000 });
    await addFault({ endpoint: '*', latencyMs: 10 });
    await join('u1');
    const listed = await callControl(url(), 'GET', '/_emulator/faults');
    expect(listed.body).toEqual({
      downForMs: 0,
      rules: [
        expect.objectContaining({ endpoint: JOIN, kind: 'fail', remaining: 2 }),
        expect.objectContaining({ endpoint: '*', kind: 'latency', latencyMs: 10, remaining: null }),
      ],
    });
  });

  it.each([
    ['not JSON', '{'],
    ['an unknown endpoint', { endpoint: '/group/nope.json', count: 1 }],
    ['no endpoint', { count: 1, httpStatus: 500 }],
    ['a zero count', { endpoint: JOIN, count: 0 }],
    ['a non-integer status', { endpoint: JOIN, httpStatus: 'x' }],
    ['mixed kinds', { endpoint: JOIN, latencyMs: 5, drop: true }],
    ['drop other than true', { endpoint: JOIN, drop: false }],
    ['a negative downForMs', { downForMs: -1 }],
    ['an array', []],
  ])('refuses a fault with %s', async (_label, fault) => {
    const res = await callControl(url(), 'POST', '/_emulator/faults', fault);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'invalid_fault', message: expect.any(String) });
  });

  it('offers the same faults programmatically', async () => {
    emulator.current.addFault({ endpoint: JOIN, count: 1, httpStatus: 500, code: 1000 });
    expect((await join('u1')).status).toBe(500);
    emulator.current.addFault({ endpoint: JOIN, drop: true });
    emulator.current.clearFaults();
    expect((await join('u1')).status).toBe(200);
    expect(() => emulator.current.addFault({ endpoint: '/x.json' })).toThrow(FaultSpecError);
  });
});

describe('close', () => {
  it('returns promptly while a delayed call is pending', async () => {
    const emulator = await startEmulator({ appKey: APP_KEY, appSecret: APP_SECRET });
    emulator.addFault({ endpoint: '*', latencyMs: 5000 });
    const pending = callApi(emulator.url, JOIN, 'userId=u1&groupId=g1').catch(() => 'failed');
    await sleep(50);
    const startedAt = Date.now();
    await emulator.close();
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(await pending).toBe('failed');
    expect(emulator.state.getGroup('g1')).toBeUndefined();
  });
});
