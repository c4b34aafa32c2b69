// OWASP API10 (unsafe consumption of APIs): RongCloud's answers are data from outside. Whatever it answers — HTML,
// wrong types, a redirect to another host, an endless body — the service neither trusts nor follows it: a token
// request fails with 503, a group change still commits (MongoDB is the truth), and nothing answers 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { type HostileAnswer, type HostileRongCloud, startHostileRongCloud } from './hostile-rongcloud.ts';
import { useSecurityServer } from './security-server.ts';

let upstream: HostileRongCloud;
beforeAll(async () => {
  upstream = await startHostileRongCloud();
});
afterAll(async () => {
  await upstream?.close();
});

const server = useSecurityServer({
  captureLogs: true,
  env: () => ({
    RONGCLOUD_API_URL: upstream.url,
    RONGCLOUD_REQUEST_DEADLINE_MS: '1500',
    RECONCILER_INTERVAL_MS: '60000',
  }),
});

const ANSWERS: HostileAnswer[] = ['html', 'wrong-types', 'redirect', 'huge'];

describe.each(ANSWERS)('RongCloud answering %s', (answer) => {
  beforeAll(() => {
    upstream.answer = answer;
  });

  it('makes a token request fail with 503 and Retry-After, storing nothing it said', async () => {
    const user = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/im/token/`, { headers: user.auth });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).code).toBe('service_unavailable');
    expect((await server.db.users.findById(user.id).lean())?.imToken).toBeNull();
  });

  it('still commits a group change, leaving RongCloud to the reconciler', async () => {
    const owner = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `upstream ${answer}` }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect(await server.db.groups.findById(id, { status: 1 }).lean()).toMatchObject({ status: 'live' });
  });
});

describe('after all those answers', () => {
  it('never followed a redirect, so no signed request reached another host', () => {
    expect(upstream.redirectVictims).toEqual([]);
  });

  it('answered no request with a 500', () => {
    const failures = server
      .logText()
      .split('\n')
      .filter((line) => line.includes('"statusCode":500'));
    expect(failures.map((line) => line.slice(0, 400))).toEqual([]);
  });
});
