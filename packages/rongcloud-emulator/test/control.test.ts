// Control endpoints: reset, group/user reads, call counts, and the programmatic state view.
import { describe, expect, it } from 'vitest';
import { API_ENDPOINTS } from '../src/index.ts';
import { callApi, callControl } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

describe('control endpoints', () => {
  const emulator = useEmulator();
  const url = () => emulator.current.url;

  it('reports every endpoint in /calls, zero before any call', async () => {
    const res = await callControl(url(), 'GET', '/_emulator/calls');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual([...API_ENDPOINTS].sort());
    expect(res.body['/group/join.json']).toEqual({ ok: 0, failed: 0 });
  });

  it('counts successful and failed calls per endpoint, not unknown paths', async () => {
    await callApi(url(), '/group/join.json', 'userId=a&groupId=g');
    await callApi(url(), '/group/join.json', 'userId=a&groupId=g');
    await callApi(url(), '/group/join.json', 'groupId=g');
    await callApi(url(), '/group/quit.json', 'userId=a&groupId=g', {}, { method: 'GET' });
    await callApi(url(), '/nothing.json', '');
    const res = await callControl(url(), 'GET', '/_emulator/calls');
    expect(res.body['/group/join.json']).toEqual({ ok: 2, failed: 1 });
    expect(res.body['/group/quit.json']).toEqual({ ok: 0, failed: 1 });
    expect(res.body['/nothing.json']).toBeUndefined();
    expect(emulator.current.state.getCalls()['/group/join.json']).toEqual({ ok: 2, failed: 1 });
  });

  it('reads a user without exposing tokens, and 404s unknown users', async () => {
    await callApi(url(), '/user/getToken.json', 'userId=u1&name=Una');
    const res = await callControl(url(), 'GET', '/_emulator/users/u1');
    expect(res.body).toEqual({ id: 'u1', name: 'Una', portraitUri: '', tokenCount: 1 });
    const missing = await callControl(url(), 'GET', '/_emulator/users/u2');
    expect([missing.status, missing.body]).toEqual([404, { error: 'not_found' }]);
  });

  it('decodes percent-encoded ids in read paths', async () => {
    await callApi(url(), '/group/create.json', 'userId=a&groupId=Gx1&groupName=%E7%BE%A4');
    const res = await callControl(url(), 'GET', `/_emulator/groups/${encodeURIComponent('Gx1')}`);
    expect(res.body).toMatchObject({ id: 'Gx1', name: '群', members: ['a'] });
    const bad = await callControl(url(), 'GET', '/_emulator/groups/%E0%A4%A');
    expect(bad.status).toBe(404);
  });

  it('reset clears state, faults and counters', async () => {
    await callApi(url(), '/user/getToken.json', 'userId=u1&name=Una');
    await callApi(url(), '/group/create.json', 'userId=u1&groupId=g&groupName=G');
    await callControl(url(), 'POST', '/_emulator/faults', { endpoint: '*', httpStatus: 500 });
    const reset = await callControl(url(), 'POST', '/_emulator/reset');
    expect([reset.status, reset.body]).toEqual([200, { ok: true }]);
    expect((await callControl(url(), 'GET', '/_emulator/groups/g')).status).toBe(404);
    expect((await callControl(url(), 'GET', '/_emulator/users/u1')).status).toBe(404);
    const calls = await callControl(url(), 'GET', '/_emulator/calls');
    expect(calls.body['/group/create.json']).toEqual({ ok: 0, failed: 0 });
    expect((await callApi(url(), '/group/user/query.json', 'groupId=g')).body).toEqual({
      code: 200,
      users: [],
    });
  });

  it('answers unknown control paths with 404 and wrong methods with 405', async () => {
    const unknown = await callControl(url(), 'GET', '/_emulator/nothing');
    expect([unknown.status, unknown.body]).toEqual([404, { error: 'not_found' }]);
    const wrong = await fetch(`${url()}/_emulator/reset`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toEqual({ error: 'method_not_allowed' });
  });

  it('hands out snapshots, not live state', async () => {
    await callApi(url(), '/group/create.json', 'userId=a&groupId=g&groupName=G');
    const snapshot = emulator.current.state.getGroup('g');
    snapshot?.members.push('intruder');
    expect(emulator.current.state.getGroup('g')?.members).toEqual(['a']);
    expect(emulator.current.state.listGroups()).toEqual([{ id: 'g', name: 'G', members: ['a'] }]);
  });

  it('lists users through the state view', async () => {
    await callApi(url(), '/user/getToken.json', 'userId=u1&name=Una');
    await callApi(url(), '/user/getToken.json', 'userId=u2&name=Duo');
    expect(emulator.current.state.listUsers().map((user) => user.id)).toEqual(['u1', 'u2']);
  });
});
