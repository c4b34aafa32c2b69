// The logs never hold a password, an API token, a RongCloud token, the RongCloud App Secret or the metrics token.
// The app runs with a logger at `trace` that keeps every line and redacts nothing by itself (production's logger
// redacts more): whatever the app hands to its logger is in the text this test reads.
import { describe, expect, it } from 'vitest';
import { newPhone } from '../test-server.ts';
import { useSecurityServer } from './security-server.ts';

const METRICS_TOKEN = 'metrics-secret-0123456789abcdef';
const server = useSecurityServer({ captureLogs: true, env: { METRICS_TOKEN } });

const secrets: string[] = [];
const remember = <T extends string>(secret: T): T => {
  secrets.push(secret);
  return secret;
};

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function signUp(password: string) {
  const username = newPhone();
  const res = await send('POST', '/api/auth/register/', { username, password, name: 'Logged User' });
  expect(res.status).toBe(201);
  const { id, token } = await res.json();
  return { id: id as number, username, auth: { authorization: `Token ${remember(token as string)}` } };
}

describe('logs', () => {
  it('hold none of the secrets that went through the service, in success or failure', async () => {
    remember(server.rongCloud.appSecret);
    remember(METRICS_TOKEN);
    const alice = await signUp(remember('alice-password-Ωmega'));
    const bob = await signUp(remember('bob-password-ßeta'));

    // Logins: right, wrong, and in another form encoding.
    const login = await send('POST', '/api/auth/login/', {
      username: alice.username,
      password: 'alice-password-Ωmega',
    });
    remember((await login.json()).token);
    const wrong = remember('wrong-password-Ψ');
    expect(
      (await send('POST', `/api/auth/login/`, { username: alice.username, password: wrong })).status,
    ).toBe(400);
    const form = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      body: new URLSearchParams({ username: bob.username, password: 'bob-password-ßeta' }),
    });
    remember((await form.json()).token);

    // RongCloud tokens, cached and renewed.
    for (const renew of ['false', 'true']) {
      const res = await send('GET', `/api/im/token/?renew=${renew}`, undefined, alice.auth);
      expect(res.status).toBe(200);
      remember((await res.json()).key);
    }
    remember((await send('GET', '/api/im/token/', undefined, bob.auth).then((r) => r.json())).key);

    // Profile, group with a code, joining by it, pulling in, over REST and tRPC.
    expect(
      (await send('PATCH', '/api/users/me/', { name: 'Renamed', nick: 'nick' }, alice.auth)).status,
    ).toBe(200);
    const group = await (
      await send('POST', '/api/im/group/', { name: 'logged', code: '6021' }, alice.auth)
    ).json();
    expect((await send('POST', `/api/im/group/${group.id}/invite/`, { code: '6021' }, bob.auth)).status).toBe(
      200,
    );
    expect((await send('POST', `/api/im/group/${group.id}/invite/`, { code: '0000' }, bob.auth)).status).toBe(
      200,
    );
    const carol = await signUp(remember('carol-password-Ж'));
    expect(
      (await send('POST', `/api/im/group/${group.id}/join/`, { userid: carol.id }, bob.auth)).status,
    ).toBe(200);
    expect((await fetch(`${server.url}/trpc/accounts.getMe`, { headers: carol.auth })).status).toBe(200);

    // Refusals: a bad token, the metrics token right and wrong.
    expect(
      (await send('GET', '/api/users/me/', undefined, { authorization: 'Token not-a-real-token' })).status,
    ).toBe(401);
    expect(
      (await send('GET', '/metrics', undefined, { authorization: `Bearer ${METRICS_TOKEN}` })).status,
    ).toBe(200);
    expect(
      (await send('GET', '/metrics', undefined, { authorization: 'Bearer wrong-metrics-token' })).status,
    ).toBe(401);

    // RongCloud failing (retried, then left to the reconciler), and an unexpected failure of our own.
    server.emulator.addFault({ endpoint: '*', count: 6, httpStatus: 500, code: 1000, errorMessage: 'busy' });
    expect(
      (await send('PATCH', `/api/im/group/${group.id}/`, { name: 'renamed while down' }, alice.auth)).status,
    ).toBe(200);
    server.emulator.clearFaults();
    const media = server.deps.media;
    const put = media.put;
    media.put = async () => {
      throw new Error('disk full');
    };
    try {
      const form = new FormData();
      form.set('avatar', new Blob([new Uint8Array(PNG_1X1)]), 'a.png');
      expect(
        (await fetch(`${server.url}/api/users/me/`, { method: 'PATCH', headers: alice.auth, body: form }))
          .status,
      ).toBe(500);
    } finally {
      media.put = put;
    }
    expect((await send('POST', '/api/auth/logout/', undefined, alice.auth)).status).toBe(200);

    const stored = await server.db.users.find({}, { imToken: 1 }).lean();
    for (const user of stored) if (user.imToken) remember(user.imToken.value);

    const log = server.logText();
    // The test saw what it meant to: requests, RongCloud calls and their failures, and the unexpected error.
    expect(log).toContain('"url":"/api/auth/login/"');
    expect(log).toContain('rongcloud request');
    expect(log).toContain('rongcloud request failed, retrying');
    expect(log).toContain('disk full');
    // Request lines name the request, never its headers (where the API token travels).
    expect(log).toMatch(/"req":\{"id":"[\w-]+","method":"PATCH","url":"\/api\/users\/me\/"\}/);
    expect(log).not.toContain('"headers"');
    expect(secrets.length).toBeGreaterThanOrEqual(15);
    for (const secret of new Set(secrets)) {
      expect(log.includes(secret), `a secret of ${secret.length} characters is in the log`).toBe(false);
    }
  });
});

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
