// What RongCloud (the emulator) holds after our API calls, and what happens when it cannot be reached.
import { countOutOfStepTargets } from '@groupchat/db';
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ RONGCLOUD_REQUEST_DEADLINE_MS: '400' });

const getToken = (auth: { authorization: string }, query = '') =>
  fetch(`${server.url}/api/im/token/${query}`, { headers: auth });

describe('GET /api/im/token/', () => {
  it('returns a token RongCloud issued to the caller, registered with name and portrait', async () => {
    const user = await registerUser(server.url, { nick: '小明' });
    const res = await getToken(user.auth);
    expect(res.status).toBe(200);
    const { key } = await res.json();
    const held = server.emulator.state.getUser(`T${user.id}`);
    expect(held?.tokens).toEqual([key]);
    expect(held?.name).toBe('小明');
    expect(held?.portraitUri).toBe(`${server.url}/media/defaults/avatar.png`);
  });

  it('reuses the cached token, and asks for a new one on renew=true', async () => {
    const user = await registerUser(server.url);
    const first = (await (await getToken(user.auth)).json()).key;
    const again = (await (await getToken(user.auth)).json()).key;
    expect(again).toBe(first);
    expect(server.emulator.state.getUser(`T${user.id}`)?.tokenCount).toBe(1);
    const renewed = (await (await getToken(user.auth, '?renew=true')).json()).key;
    expect(renewed).not.toBe(first);
    expect(server.emulator.state.getUser(`T${user.id}`)?.tokenCount).toBe(2);
  });

  it('answers 503 when RongCloud is unreachable and nothing is cached, the cached token otherwise', async () => {
    const cachedUser = await registerUser(server.url);
    const cached = (await (await getToken(cachedUser.auth)).json()).key;
    const newUser = await registerUser(server.url);
    server.emulator.addFault({ downForMs: 2_000 });
    try {
      const refused = await getToken(newUser.auth);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect((await refused.json()).code).toBe('service_unavailable');
      expect((await (await getToken(cachedUser.auth)).json()).key).toBe(cached);
    } finally {
      server.emulator.clearFaults();
    }
  });

  it('requires credentials', async () => {
    expect((await fetch(`${server.url}/api/im/token/`)).status).toBe(401);
  });
});

describe('groups in RongCloud', () => {
  it('creating a group creates it in RongCloud with its creator', async () => {
    const owner = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '同步测试' }),
    });
    const group = await res.json();
    expect(server.emulator.state.getGroup(`T${group.id}`)).toEqual({
      id: `T${group.id}`,
      name: '同步测试',
      members: [`T${owner.id}`],
    });
    expect(await countOutOfStepTargets(server.db, { kind: 'group', id: group.id })).toBe(0);
  });

  it('still creates the group when RongCloud is down, marks it out of step, and repairs it later', async () => {
    const owner = await registerUser(server.url);
    server.emulator.addFault({ downForMs: 2_000 });
    let group: { id: number };
    try {
      const started = Date.now();
      const res = await fetch(`${server.url}/api/im/group/`, {
        method: 'POST',
        headers: { ...owner.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'offline' }),
      });
      expect(res.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(1_500);
      group = await res.json();
      expect(server.emulator.state.getGroup(`T${group.id}`)).toBeUndefined();
      expect((await server.db.groups.findById(group.id).lean())?.status).toBe('live');
      expect(await countOutOfStepTargets(server.db, { kind: 'group', id: group.id })).toBeGreaterThan(0);
      const ready = await (await fetch(`${server.url}/readyz`)).json();
      expect(ready.rongcloudOutOfStep.groups).toBeGreaterThan(0);
    } finally {
      server.emulator.clearFaults();
    }
    const repaired = await eventually(() => {
      const held = server.emulator.state.getGroup(`T${group.id}`);
      if (!held) throw new Error('not repaired yet');
      return held;
    });
    expect(repaired).toEqual({ id: `T${group.id}`, name: 'offline', members: [`T${owner.id}`] });
    await eventually(async () =>
      expect(await countOutOfStepTargets(server.db, { kind: 'group', id: group.id })).toBe(0),
    );
  });
});

describe('profile changes in RongCloud', () => {
  it('refreshes the name and portrait RongCloud holds', async () => {
    const user = await registerUser(server.url, { nick: 'before' });
    await getToken(user.auth);
    const res = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ nick: 'after' }),
    });
    expect(res.status).toBe(200);
    expect(server.emulator.state.getUser(`T${user.id}`)?.name).toBe('after');
  });

  it('marks the user out of step when the refresh fails, and the reconciler refreshes it later', async () => {
    const user = await registerUser(server.url, { nick: 'first' });
    await getToken(user.auth);
    server.emulator.addFault({ endpoint: '/user/refresh.json', count: 3, httpStatus: 500, code: 1000 });
    const res = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ nick: 'second' }),
    });
    expect(res.status).toBe(200);
    expect(await countOutOfStepTargets(server.db, { kind: 'user', id: user.id })).toBeGreaterThan(0);
    await eventually(() => expect(server.emulator.state.getUser(`T${user.id}`)?.name).toBe('second'));
    await eventually(async () =>
      expect(await countOutOfStepTargets(server.db, { kind: 'user', id: user.id })).toBe(0),
    );
  });
});
