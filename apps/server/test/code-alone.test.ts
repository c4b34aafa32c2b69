// Face to face by code alone: preview and join with the digits only. Every lookup spends the caller's cross-group
// code-failure budget before the code is read, and only a hit gives it back.
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, useTestServer } from './test-server.ts';

const BUDGET = 4;
const server = useTestServer({ MAX_MEMBERS_PER_GROUP: '3', CODE_FAILURES_PER_HOUR: String(BUDGET) });

type User = Awaited<ReturnType<typeof registerUser>>;

const call = (method: string, path: string, user?: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);

let nextCode = 40_000_000 + (process.pid % 1000) * 1000;
const freshCode = () => String(++nextCode);

async function codeGroup(owner: User, code = freshCode()) {
  const res = await call('POST', '/api/im/group/', owner, { name: 'face to face', code });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; code: string };
}

const preview = (user: User, code: string) => call('GET', `/api/im/group/code/${code}/`, user);
const join = (user: User, code: string) => call('POST', `/api/im/group/code/${code}/join/`, user);

const memberIds = async (groupId: number) =>
  (await server.db.memberships.find({ groupId }).lean()).map((membership) => membership.userId).sort();

describe('GET /api/im/group/code/{code}/', () => {
  it('previews the live group whose active code it is: id, name, cover and member count only', async () => {
    const owner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const res = await preview(await registerUser(server.url), group.code);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: group.id,
      name: 'face to face',
      cover: `${server.url}/media/defaults/cover.png`,
      member_count: 1,
    });
    const trpc = await fetch(
      `${server.url}/trpc/groups.previewCode?input=${encodeURIComponent(JSON.stringify({ code: group.code }))}`,
      { headers: owner.auth },
    );
    expect((await trpc.json()).result.data.id).toBe(group.id);
  });

  it('answers 404 code_invalid for a code nobody has, an expired one and a dismissed group’s', async () => {
    const owner = await registerUser(server.url);
    const expired = await codeGroup(owner);
    await server.db.groups.updateOne(
      { _id: expired.id },
      { $set: { codeExpiresAt: new Date(Date.now() - 1) } },
    );
    const dismissed = await codeGroup(owner);
    await call('POST', `/api/im/group/${dismissed.id}/dismiss/`, owner);
    const caller = await registerUser(server.url);
    for (const code of [freshCode(), expired.code, dismissed.code]) {
      const res = await preview(caller, code);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'code_invalid' });
    }
  });

  it('refuses malformed codes with 400, anonymous callers with 401', async () => {
    const user = await registerUser(server.url);
    for (const code of ['123', '123456789', '12a4', '1%2F34', '%E4%B8%80234']) {
      const res = await preview(user, code);
      expect(res.status, code).toBe(400);
      expect((await res.json()).code).toBe('validation_error');
    }
    expect((await call('GET', '/api/im/group/code/1234/')).status).toBe(401);
    expect((await call('POST', '/api/im/group/code/1234/join/')).status).toBe(401);
  });
});

describe('POST /api/im/group/code/{code}/join/', () => {
  it('joins the group with its code, once; RongCloud follows', async () => {
    const owner = await registerUser(server.url);
    const joiner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const res = await join(joiner, group.code);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: group.id,
      code: group.code,
      role: 'member',
      member_count: 2,
    });
    const again = await join(joiner, group.code);
    expect(again.status).toBe(200);
    expect((await again.json()).member_count).toBe(2);
    expect(await memberIds(group.id)).toEqual([owner.id, joiner.id].sort());
    await eventually(() =>
      expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([
        `T${owner.id}`,
        `T${joiner.id}`,
      ]),
    );
  });

  it("keeps invite's rules: 404 unknown, 400 expired, 403 banned, 409 full", async () => {
    const owner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const unknown = await join(await registerUser(server.url), freshCode());
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe('code_invalid');

    const banned = await registerUser(server.url);
    await server.db.groupBans.create({
      _id: `${group.id}:${banned.id}`,
      groupId: group.id,
      userId: banned.id,
      bannedAt: new Date(),
      bannedBy: owner.id,
    });
    const refused = await join(banned, group.code);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('banned');

    await join(await registerUser(server.url), group.code);
    await join(await registerUser(server.url), group.code);
    const full = await join(await registerUser(server.url), group.code);
    expect(full.status).toBe(409);
    expect((await full.json()).code).toBe('group_full');

    await server.db.groups.updateOne(
      { _id: group.id },
      { $set: { codeExpiresAt: new Date(Date.now() - 1) } },
    );
    const late = await join(await registerUser(server.url), group.code);
    expect(late.status).toBe(400);
    expect((await late.json()).code).toBe('code_expired');
    expect(await memberIds(group.id)).toHaveLength(3);
  });

  it('is groups.joinWithCode over tRPC', async () => {
    const owner = await registerUser(server.url);
    const joiner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const res = await fetch(`${server.url}/trpc/groups.joinWithCode`, {
      method: 'POST',
      headers: { ...joiner.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ code: group.code }),
    });
    expect((await res.json()).result.data).toMatchObject({ id: group.id, role: 'member' });
  });
});

describe('the code-failure budget', () => {
  it('is spent by misses before the code is read: once out, a real code gets the same 429 as a wrong one', async () => {
    const owner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const guesser = await registerUser(server.url);
    for (let miss = 0; miss < BUDGET; miss++) {
      const wrong = miss % 2 ? preview(guesser, freshCode()) : join(guesser, freshCode());
      expect((await wrong).status).toBe(404);
    }
    for (const attempt of [
      preview(guesser, group.code),
      join(guesser, group.code),
      preview(guesser, freshCode()),
      join(guesser, freshCode()),
    ]) {
      const res = await attempt;
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ code: 'throttled' });
    }
    expect(await memberIds(group.id)).toEqual([owner.id]);
  });

  it('gives a parallel burst of guesses no more misses than the budget', async () => {
    const guesser = await registerUser(server.url);
    const answers = await Promise.all(Array.from({ length: 16 }, () => preview(guesser, freshCode())));
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 404).length).toBeLessThanOrEqual(BUDGET);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(16 - BUDGET);
  });

  it('is not spent by hits, and is shared with wrong codes on /invite/', async () => {
    const owner = await registerUser(server.url);
    const group = await codeGroup(owner);
    const user = await registerUser(server.url);
    for (let hit = 0; hit < BUDGET + 2; hit++) expect((await preview(user, group.code)).status).toBe(200);
    const other = await codeGroup(owner);
    for (let miss = 0; miss < BUDGET; miss++) {
      const wrong = await call('POST', `/api/im/group/${other.id}/invite/`, user, { code: '0000' });
      expect([400, 429]).toContain(wrong.status);
    }
    expect((await preview(user, group.code)).status).toBe(429);
  });
});
