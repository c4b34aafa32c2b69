// Throttles against harvesting and abuse: group creation per user, pull-ins per caller, and face-to-face code
// failures per user across all groups, where a code found taken on create counts like a wrong code, so creating
// groups is no better an oracle for live codes than guessing them.
import { describe, expect, it } from 'vitest';
import { registerUser, requestAs, useTestServer } from '../test-server.ts';

const server = useTestServer({
  GROUP_CREATES_PER_HOUR: '6',
  PULL_INS_PER_HOUR: '3',
  CODE_FAILURES_PER_HOUR: '3',
});

type User = Awaited<ReturnType<typeof registerUser>>;
const call = (method: string, path: string, user: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);
const create = (user: User, body: Record<string, unknown>) => call('POST', '/api/im/group/', user, body);

describe('throttles', () => {
  it('limits group creation per user, with Retry-After', async () => {
    const user = await registerUser(server.url);
    for (let i = 0; i < 6; i++) expect((await create(user, { name: `g${i}` })).status).toBe(201);
    const refused = await create(user, { name: 'one too many' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).code).toBe('throttled');
    expect((await create(await registerUser(server.url), { name: 'someone else' })).status).toBe(201);
  });

  it('counts a code found taken like a wrong code, and then says nothing about codes', async () => {
    const holder = await registerUser(server.url);
    const live = await (await create(holder, { name: 'live', code: '61537' })).json();
    const prober = await registerUser(server.url);
    expect((await create(prober, { name: 'probe', code: '61537' })).status).toBe(409);
    expect((await call('POST', `/api/im/group/${live.id}/invite/`, prober, { code: '00000' })).status).toBe(
      400,
    );
    expect((await create(prober, { name: 'probe', code: '61537' })).status).toBe(409);
    // Out of guesses: a taken code and a free one answer alike.
    const taken = await create(prober, { name: 'probe', code: '61537' });
    const free = await create(prober, { name: 'probe', code: '99999999' });
    expect([taken.status, free.status]).toEqual([429, 429]);
    expect((await call('POST', `/api/im/group/${live.id}/invite/`, prober, { code: '61537' })).status).toBe(
      429,
    );
    expect((await create(prober, { name: 'no code' })).status).toBe(201);
  });

  it('limits pull-ins per caller, so one account cannot pull a victim into group after group', async () => {
    const puller = await registerUser(server.url);
    const group = await (await create(puller, { name: 'puller' })).json();
    const victims = await Promise.all(Array.from({ length: 4 }, () => registerUser(server.url)));
    const statuses = [];
    for (const victim of victims) {
      statuses.push(
        (await call('POST', `/api/im/group/${group.id}/join/`, puller, { userid: victim.id })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(4);
  });
});
