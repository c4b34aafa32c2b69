// OWASP API1 (object level), API3 (object property level) and API5 (function level) authorization, over REST and
// tRPC: nobody reads or changes another user's groups, members or profile; no property a caller may not see leaves
// and none a caller may not set sticks; every function that needs a user, or the owner, refuses everyone else.
import { appRouter } from '@groupchat/api';
import { beforeAll, describe, expect, it } from 'vitest';
import { newPhone, registerUser } from '../test-server.ts';
import { documentedOperations, fillPath, trpcPathOf } from './openapi-operations.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer();

type User = Awaited<ReturnType<typeof registerUser>>;
let alice: User; // owns group A
let carol: User; // member of A
let bob: User; // outsider, owns group B
let groupA: number;
let groupB: number;
const CODE_A = '73195824';

const call = (method: string, path: string, auth: Record<string, string>, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const trpc = (procedure: string, auth: Record<string, string>, input: unknown, mutation: boolean) =>
  mutation
    ? fetch(`${server.url}/trpc/${procedure}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      })
    : fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
        headers: auth,
      });

const groupState = async (id: number) => ({
  group: await server.db.groups.findById(id, { name: 1, code: 1, cover: 1, ownerId: 1, status: 1 }).lean(),
  members: (await server.db.memberships.find({ groupId: id }, { userId: 1 }).lean())
    .map((m) => m.userId)
    .sort(),
});

beforeAll(async () => {
  [alice, carol, bob] = await Promise.all([
    registerUser(server.url, { name: 'Alice' }),
    registerUser(server.url, { name: 'Carol' }),
    registerUser(server.url, { name: 'Bob' }),
  ]);
  groupA = (await (await call('POST', '/api/im/group/', alice.auth, { name: 'A', code: CODE_A })).json()).id;
  groupB = (await (await call('POST', '/api/im/group/', bob.auth, { name: 'B' })).json()).id;
  expect((await call('POST', `/api/im/group/${groupA}/join/`, alice.auth, { userid: carol.id })).status).toBe(
    200,
  );
});

describe('API1: object level authorization', () => {
  it('an outsider can neither read nor change another’s group, its members or its code', async () => {
    const before = await groupState(groupA);
    const attempts: [string, string, unknown, number][] = [
      ['GET', `/api/im/group/${groupA}/users/`, undefined, 403],
      ['PATCH', `/api/im/group/${groupA}/`, { name: 'hijacked' }, 403],
      ['GET', `/api/im/group/${groupA}/dismiss/`, undefined, 403],
      ['POST', `/api/im/group/${groupA}/dismiss/`, undefined, 403],
      ['DELETE', `/api/im/group/${groupA}/dismiss/`, undefined, 403],
      ['GET', `/api/im/group/${groupA}/quit/`, undefined, 403],
      ['POST', `/api/im/group/${groupA}/quit/`, undefined, 403],
      ['POST', `/api/im/group/${groupA}/join/`, { userid: bob.id }, 403],
      ['POST', `/api/im/group/${groupA}/invite/`, { code: '' }, 400],
      ['POST', `/api/im/group/${groupA}/invite/`, { code: '00000000' }, 400],
    ];
    for (const [method, path, body, status] of attempts) {
      const res = await call(method, path, bob.auth, body);
      expect(res.status, `${method} ${path}`).toBe(status);
    }
    const cover = new FormData();
    cover.set('cover', new Blob([new Uint8Array(8)]), 'c.png');
    const upload = await fetch(`${server.url}/api/im/group/${groupA}/`, {
      method: 'PATCH',
      headers: bob.auth,
      body: cover,
    });
    expect(upload.status).toBe(403);

    // Anyone may look a group up, but its code is for members only.
    const seen = await (await call('GET', `/api/im/retrieve/${groupA}/`, bob.auth)).json();
    expect(seen).toMatchObject({ id: groupA, name: 'A', code: '' });
    const anonymous = await (await fetch(`${server.url}/api/im/retrieve/${groupA}/`)).json();
    expect(anonymous.code).toBe('');
    const mine = await (await call('GET', '/api/im/group/', bob.auth)).json();
    expect(mine.results.map((g: { id: number }) => g.id)).toEqual([groupB]);
    expect(await groupState(groupA)).toEqual(before);
  });

  it('holds the same over tRPC', async () => {
    const before = await groupState(groupA);
    const attempts: [string, unknown, boolean, number][] = [
      ['groups.listMembers', { id: groupA }, false, 403],
      ['groups.update', { id: groupA, name: 'hijacked' }, true, 403],
      ['groups.dismiss', { id: groupA }, true, 403],
      ['groups.quit', { id: groupA }, true, 403],
      ['groups.addMember', { id: groupA, userid: bob.id }, true, 403],
    ];
    for (const [procedure, input, mutation, status] of attempts) {
      expect((await trpc(procedure, bob.auth, input, mutation)).status, procedure).toBe(status);
    }
    const seen = await (await trpc('groups.retrieve', bob.auth, { id: groupA }, false)).json();
    expect(seen.result.data.code).toBe('');
    expect(await groupState(groupA)).toEqual(before);
  });

  it('a member who is not the owner may read and pull in, but not rename, re-cover or dismiss', async () => {
    const before = await groupState(groupA);
    expect((await call('GET', `/api/im/group/${groupA}/users/`, carol.auth)).status).toBe(200);
    expect((await call('PATCH', `/api/im/group/${groupA}/`, carol.auth, { name: 'mine now' })).status).toBe(
      403,
    );
    for (const method of ['GET', 'POST', 'DELETE']) {
      expect((await call(method, `/api/im/group/${groupA}/dismiss/`, carol.auth)).status, method).toBe(403);
    }
    expect(await groupState(groupA)).toEqual(before);
  });

  it('the id in the path decides which group is acted on, whatever the body or query says', async () => {
    const before = await groupState(groupA);
    const renamed = await call('PATCH', `/api/im/group/${groupB}/`, bob.auth, { id: groupA, name: 'B2' });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).id).toBe(groupB);
    const members = await (await call('GET', `/api/im/group/${groupB}/users/?id=${groupA}`, bob.auth)).json();
    expect(members.results.map((u: { id: number }) => u.id)).toEqual([bob.id]);
    const dismiss = await call('POST', `/api/im/group/${groupB}/dismiss/?id=${groupA}`, bob.auth, {
      id: groupA,
    });
    expect(dismiss.status).toBe(200);
    expect(await groupState(groupA)).toEqual(before);
    expect((await server.db.groups.findById(groupB).lean())?.status).toBe('dismissed');
  });

  it('a profile change only ever changes the caller, whatever ids the body names', async () => {
    const aliceBefore = await server.db.users.findById(alice.id).lean();
    const res = await call('PATCH', '/api/users/me/', bob.auth, {
      id: alice.id,
      _id: alice.id,
      userid: alice.id,
      username: alice.username,
      name: 'Bob again',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: bob.id, username: bob.username, name: 'Bob again' });
    const viaTrpc = await trpc('accounts.updateMe', bob.auth, { id: alice.id, nick: 'bobby' }, true);
    expect((await viaTrpc.json()).result.data).toMatchObject({ id: bob.id, nick: 'bobby' });
    expect((await (await call('GET', `/api/users/me/?id=${alice.id}`, bob.auth)).json()).id).toBe(bob.id);
    expect(await server.db.users.findById(alice.id).lean()).toEqual(aliceBefore);
  });

  it('a dismissed group and a group that never existed answer alike (404), to everyone', async () => {
    const owner = await registerUser(server.url);
    const { id } = await (await call('POST', '/api/im/group/', owner.auth, { name: 'short-lived' })).json();
    expect((await call('POST', `/api/im/group/${id}/dismiss/`, owner.auth)).status).toBe(200);
    for (const target of [id, 987_654_321]) {
      for (const path of [`/api/im/retrieve/${target}/`, `/api/im/group/${target}/users/`]) {
        const res = await call('GET', path, owner.auth);
        expect(res.status, path).toBe(404);
        expect(await res.json()).toEqual({ detail: '未找到。', code: 'not_found' });
      }
    }
  });
});

describe('API3: object property level authorization', () => {
  const USER_KEYS = ['avatar', 'id', 'level', 'name', 'nick', 'username'];
  const MEMBER_KEYS = [...USER_KEYS, 'joined_at', 'muted', 'muted_until', 'role'].sort();
  // The caller's own settings appear on /users/me/ only, never in anyone else's view of them.
  const ME_KEYS = [...USER_KEYS, 'group_invites'].sort();
  const GROUP_KEYS = [
    'all_muted',
    'announcement',
    'code',
    'cover',
    'created_at',
    'id',
    'member_count',
    'name',
    'owner',
    'role',
  ];
  const INTERNAL =
    /passwordHash|scrypt\$|imToken|credentialsTag|ownerId|"status"|"_id"|__v|slot|codeExpiresAt/;

  it('every response carries only the documented properties, never stored internals', async () => {
    const imToken = (await (await call('GET', '/api/im/token/', alice.auth)).json()).key as string;
    expect(imToken.length).toBeGreaterThan(0);
    const one = (body: object) => [body];
    const page = (body: { results: object[] }) => body.results;
    const reads: [string, { authorization: string }, (body: never) => object[], string[]][] = [
      ['/api/users/me/', alice.auth, one, ME_KEYS],
      [`/api/im/group/${groupA}/users/`, carol.auth, page, MEMBER_KEYS],
      ['/api/im/group/', alice.auth, page, GROUP_KEYS],
      [`/api/im/retrieve/${groupA}/`, bob.auth, one, GROUP_KEYS],
    ];
    for (const [path, auth, itemsOf, keys] of reads) {
      const text = await (await call('GET', path, auth)).text();
      expect(text, path).not.toMatch(INTERNAL);
      expect(text, path).not.toContain(imToken);
      for (const item of itemsOf(JSON.parse(text) as never))
        expect(Object.keys(item).sort(), path).toEqual(keys);
    }
    const registered = await call(
      'POST',
      '/api/auth/register/',
      {},
      { username: newPhone(), password: 'long enough' },
    );
    const text = await registered.text();
    expect(text).not.toMatch(INTERNAL);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual([...USER_KEYS, 'token'].sort());
  });

  it('registration ignores every property a client may not set', async () => {
    const username = newPhone();
    const res = await call(
      'POST',
      '/api/auth/register/',
      {},
      {
        username,
        password: 'long enough',
        id: 1,
        _id: 424242,
        level: 'A',
        passwordHash: 'scrypt$10$8$1$AAAA$BBBB',
        imToken: { value: 'forged', credentialsTag: 'x' },
        avatar: 'http://evil.example/a.png',
        createdAt: '2000-01-01T00:00:00Z',
      },
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.id).not.toBe(424242);
    expect(body.level).toBe('');
    expect(body.avatar).toBe(`${server.url}/media/defaults/avatar.png`);
    const stored = await server.db.users.findOne({ username }).lean();
    expect(stored).toMatchObject({ _id: body.id, level: '', imToken: null, avatar: null });
    expect(stored?.passwordHash).not.toBe('scrypt$10$8$1$AAAA$BBBB');
    expect(stored?.createdAt.getUTCFullYear()).toBeGreaterThan(2000);
    expect((await call('POST', '/api/auth/login/', {}, { username, password: 'long enough' })).status).toBe(
      200,
    );
  });

  it('a profile change cannot set level, username, password hash, RongCloud token or an avatar URL', async () => {
    const user = await registerUser(server.url);
    const before = await server.db.users.findById(user.id).lean();
    const forged = {
      level: 'A',
      username: newPhone(),
      passwordHash: 'x',
      imToken: { value: 'forged' },
      createdAt: '2000-01-01',
    };
    for (const body of [
      forged,
      new URLSearchParams({ level: 'A', username: newPhone(), passwordHash: 'x' }),
      JSON.parse('{"__proto__": {"level": "A"}, "constructor": {"prototype": {"level": "A"}}}'),
    ]) {
      const res = await fetch(`${server.url}/api/users/me/`, {
        method: 'PATCH',
        headers: {
          ...user.auth,
          ...(body instanceof URLSearchParams ? {} : { 'content-type': 'application/json' }),
        },
        body: body instanceof URLSearchParams ? body : JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    }
    const avatarUrl = await call('PATCH', '/api/users/me/', user.auth, {
      avatar: 'http://evil.example/a.png',
    });
    expect(avatarUrl.status).toBe(400);
    const after = await server.db.users.findById(user.id).lean();
    expect({ ...after, updatedAt: undefined }).toEqual({ ...before, updatedAt: undefined });
  });

  it('a group cannot be created or changed with an owner, status, id, expiry or cover URL of the caller’s choosing', async () => {
    const owner = await registerUser(server.url);
    const created = await call('POST', '/api/im/group/', owner.auth, {
      name: 'forged',
      ownerId: bob.id,
      status: 'pending',
      _id: groupA,
      id: groupA,
      codeExpiresAt: '2999-01-01',
      dismissedAt: '2000-01-01',
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(id).not.toBe(groupA);
    const stored = await server.db.groups.findById(id).lean();
    expect(stored).toMatchObject({
      ownerId: owner.id,
      status: 'live',
      codeExpiresAt: null,
      dismissedAt: null,
    });

    const changed = await call('PATCH', `/api/im/group/${id}/`, owner.auth, {
      name: 'renamed',
      ownerId: bob.id,
      status: 'dismissed',
      code: '12345678',
    });
    expect(changed.status).toBe(200);
    expect(await server.db.groups.findById(id).lean()).toMatchObject({
      name: 'renamed',
      ownerId: owner.id,
      status: 'live',
      code: '',
    });
    const coverUrl = await call('PATCH', `/api/im/group/${id}/`, owner.auth, { cover: 'file:///etc/passwd' });
    expect(coverUrl.status).toBe(400);
    expect((await server.db.groups.findById(id).lean())?.cover).toBeNull();
  });
});

describe('API5: function level authorization', () => {
  const operations = documentedOperations();
  const BAD_CREDENTIALS: [string, Record<string, string>, string][] = [
    ['none', {}, 'not_authenticated'],
    [
      'an unknown token',
      { authorization: 'Token 0123456789abcdef0123456789abcdef0123456789a' },
      'authentication_failed',
    ],
    // Someone else's credentials leave the request anonymous, as Django REST Framework does.
    ['another scheme', { authorization: 'Basic YWxpY2U6cGFzc3dvcmQ=' }, 'not_authenticated'],
    ['a scheme alone', { authorization: 'Bearer' }, 'authentication_failed'],
  ];

  it('every documented operation that needs a user refuses anyone without a valid token (401), also uploads', async () => {
    const before = await groupState(groupA);
    const guarded = operations.filter((operation) => operation.authenticated);
    expect(guarded.length).toBeGreaterThanOrEqual(15);
    for (const operation of guarded) {
      const path = fillPath(operation.path, () => String(groupA));
      for (const [label, headers, code] of BAD_CREDENTIALS) {
        let body: FormData | undefined;
        if (operation.method !== 'GET') {
          const form = new FormData();
          for (const field of operation.bodyFields) form.set(field, '1');
          if (operation.fileField) form.set(operation.fileField, new Blob([new Uint8Array(64)]), 'f.png');
          body = form;
        }
        const res = await fetch(`${server.url}${path}`, { method: operation.method, headers, body });
        expect(res.status, `${operation.method} ${path} with ${label}`).toBe(401);
        expect((await res.json()).code, `${operation.method} ${path} with ${label}`).toBe(code);
      }
    }
    expect(await groupState(groupA)).toEqual(before);
  });

  it('the same procedures refuse anonymous callers over tRPC', async () => {
    for (const operation of operations.filter((candidate) => candidate.authenticated && !candidate.aliasOf)) {
      const procedure = trpcPathOf(operation);
      const res = await trpc(
        procedure,
        {},
        { id: groupA, name: 'x', userid: bob.id, code: CODE_A },
        operation.method !== 'GET',
      );
      expect(res.status, procedure).toBe(401);
    }
  });

  it('only register, login and retrieve are public, and they work without a token', async () => {
    const open = operations.filter((operation) => !operation.authenticated).map((operation) => operation.id);
    expect(open.sort()).toEqual(['accounts-login', 'accounts-register', 'groups-retrieve']);
    expect((await fetch(`${server.url}/api/im/retrieve/${groupA}/`)).status).toBe(200);
  });

  it('no operation accepts the certification level: only the operator command sets it', () => {
    for (const operation of operations) expect(operation.bodyFields, operation.id).not.toContain('level');
  });

  it('every tRPC procedure is a documented operation: no hidden function', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    const documented = operations
      .filter((operation) => !operation.aliasOf)
      .map(trpcPathOf)
      .sort();
    expect(procedures).toEqual(documented);
  });

  it('undocumented methods and paths are refused with the envelope and change nothing', async () => {
    const before = await groupState(groupA);
    const probes: [string, string][] = [
      ['PUT', `/api/im/group/${groupA}/`],
      ['DELETE', `/api/im/group/${groupA}/`],
      ['DELETE', '/api/users/me/'],
      ['PUT', '/api/users/me/'],
      ['PATCH', `/api/im/retrieve/${groupA}/`],
      ['GET', `/api/users/${alice.id}/`],
      ['GET', '/api/users/'],
      ['GET', '/api/admin/'],
      ['POST', `/api/im/group/${groupA}/owner/`],
      ['GET', '/.env'],
      ['GET', '/.git/config'],
    ];
    for (const [method, path] of probes) {
      const res = await fetch(`${server.url}${path}`, { method, headers: alice.auth });
      expect([404, 405], `${method} ${path}`).toContain(res.status);
      expect(['not_found', 'method_not_allowed']).toContain((await res.json()).code);
    }
    const getMutation = await fetch(
      `${server.url}/trpc/groups.dismiss?input=${encodeURIComponent(JSON.stringify({ id: groupA }))}`,
      {
        headers: alice.auth,
      },
    );
    expect(getMutation.status).toBe(405);
    expect(await groupState(groupA)).toEqual(before);
  });
});
