// Groups over real HTTP: create (three content types), list with pagination, retrieve with the code hidden.
import { describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ FACE_TO_FACE_CODE_TTL_HOURS: '1' });

type Auth = { authorization: string };

async function createGroup(auth: Auth, body: Record<string, unknown>) {
  return fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('POST /api/im/group/', () => {
  it('creates a group with the caller as owner and only member', async () => {
    const owner = await registerUser(server.url);
    const res = await createGroup(owner.auth, { name: '  周末爬山  ', code: '20261' });
    expect(res.status).toBe(201);
    const group = await res.json();
    expect(group).toEqual({
      id: expect.any(Number),
      name: '周末爬山',
      code: '20261',
      cover: `${server.url}/media/defaults/cover.png`,
      owner: owner.id,
      member_count: 1,
      role: 'owner',
      announcement: '',
      all_muted: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const stored = await server.db.groups.findById(group.id).lean();
    expect(stored).toMatchObject({ ownerId: owner.id, status: 'live', code: '20261' });
    const members = await server.db.memberships.find({ groupId: group.id }).lean();
    expect(members.map((m) => m.userId)).toEqual([owner.id]);
  });

  it('accepts form-urlencoded and multipart bodies, and numbers sent for codes', async () => {
    const owner = await registerUser(server.url);
    const form = await fetch(`${server.url}/api/im/group`, {
      method: 'POST',
      headers: owner.auth,
      body: new URLSearchParams({ name: 'form group', code: '' }),
    });
    expect(form.status).toBe(201);
    expect((await form.json()).code).toBe('');
    const multipart = new FormData();
    multipart.set('name', 'multipart group');
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: multipart,
    });
    expect(res.status).toBe(201);
    const numeric = await createGroup(owner.auth, { name: 'numeric code', code: 987654 });
    expect(numeric.status).toBe(201);
    expect((await numeric.json()).code).toBe('987654');
  });

  it('gives concurrent creates distinct ids', async () => {
    const owner = await registerUser(server.url);
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, i) => createGroup(owner.auth, { name: `g${i}` })),
    );
    const ids = await Promise.all(results.map(async (res) => (await res.json()).id));
    expect(results.every((res) => res.status === 201)).toBe(true);
    expect(new Set(ids).size).toBe(15);
  });

  it('validates name and code', async () => {
    const owner = await registerUser(server.url);
    const cases = [
      { name: '   ' },
      { name: 'x'.repeat(65) },
      { name: 'ok', code: '123' },
      { name: 'ok', code: '12a45' },
      {},
    ];
    for (const body of cases) {
      const res = await createGroup(owner.auth, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).code).toBe('validation_error');
    }
    expect(await server.db.groups.countDocuments({ ownerId: owner.id })).toBe(0);
  });

  it('refuses an active code of another live group with 409 and leaves nothing behind', async () => {
    const first = await registerUser(server.url);
    const second = await registerUser(server.url);
    expect((await createGroup(first.auth, { name: 'first', code: '445566' })).status).toBe(201);
    const res = await createGroup(second.auth, { name: 'second', code: '445566' });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('code_taken');
    expect(await server.db.groups.countDocuments({ ownerId: second.id })).toBe(0);
    expect(await server.db.memberships.countDocuments({ userId: second.id })).toBe(0);
  });

  it('lets exactly one of concurrent creates with the same code through', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => registerUser(server.url)));
    const results = await Promise.all(
      users.map((user, i) => createGroup(user.auth, { name: `race ${i}`, code: '778899' })),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await server.db.groups.countDocuments({ code: '778899', status: 'live' })).toBe(1);
  });

  it('frees a code once it has expired', async () => {
    const first = await registerUser(server.url);
    const created = await (await createGroup(first.auth, { name: 'old', code: '5150' })).json();
    const past = new Date(Date.now() - 1000);
    await server.db.groupCodes.updateOne({ _id: '5150' }, { $set: { expiresAt: past } });
    await server.db.groups.updateOne({ _id: created.id }, { $set: { codeExpiresAt: past } });
    const second = await registerUser(server.url);
    const res = await createGroup(second.auth, { name: 'new', code: '5150' });
    expect(res.status).toBe(201);
    expect((await server.db.groupCodes.findById('5150').lean())?.groupId).toBe((await res.json()).id);
  });

  it('requires credentials', async () => {
    const res = await createGroup({ authorization: '' }, { name: 'anonymous' });
    expect(res.status).toBe(401);
  });
});

describe('GET /api/im/group/', () => {
  it('pages the caller’s groups, most recent first, with absolute links', async () => {
    const owner = await registerUser(server.url);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      expect((await createGroup(owner.auth, { name })).status).toBe(201);
    }
    const first = await fetch(`${server.url}/api/im/group/?page_size=2`, { headers: owner.auth });
    expect(first.status).toBe(200);
    const page1 = await first.json();
    expect(page1.count).toBe(5);
    expect(page1.results.map((g: { name: string }) => g.name)).toEqual(['e', 'd']);
    expect(page1.previous).toBeNull();
    expect(page1.next).toBe(`${server.url}/api/im/group/?page=2&page_size=2`);

    const page2 = await (await fetch(page1.next, { headers: owner.auth })).json();
    expect(page2.results.map((g: { name: string }) => g.name)).toEqual(['c', 'b']);
    expect(page2.previous).toBe(`${server.url}/api/im/group/?page_size=2`);
    const page3 = await (await fetch(page2.next, { headers: owner.auth })).json();
    expect(page3.results.map((g: { name: string }) => g.name)).toEqual(['a']);
    expect(page3.next).toBeNull();

    const past = await fetch(`${server.url}/api/im/group?page=4&page_size=2`, { headers: owner.auth });
    expect(past.status).toBe(404);
    expect((await past.json()).code).toBe('not_found');
  });

  it('shows no user another user’s groups', async () => {
    const alice = await registerUser(server.url);
    const bob = await registerUser(server.url);
    await createGroup(alice.auth, { name: 'alice only' });
    const res = await fetch(`${server.url}/api/im/group/`, { headers: bob.auth });
    expect(await res.json()).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it('reads pagination parameters as Django REST Framework does: 404 for no such page, page_size capped', async () => {
    const owner = await registerUser(server.url);
    for (const query of ['page=0', 'page=x']) {
      const res = await fetch(`${server.url}/api/im/group/?${query}`, { headers: owner.auth });
      expect([res.status, (await res.json()).code], query).toEqual([404, 'not_found']);
    }
    for (const query of ['page_size=101', 'page_size=0']) {
      const res = await fetch(`${server.url}/api/im/group/?${query}`, { headers: owner.auth });
      expect(res.status, query).toBe(200);
    }
  });
});

describe('GET /api/im/retrieve/{id}/', () => {
  it('shows a group to anyone, with the code only for members', async () => {
    const owner = await registerUser(server.url);
    const stranger = await registerUser(server.url);
    const group = await (await createGroup(owner.auth, { name: 'secret code', code: '31415' })).json();

    const anonymous = await fetch(`${server.url}/api/im/retrieve/${group.id}/`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ ...group, code: '', role: null });
    const other = await fetch(`${server.url}/api/im/retrieve/${group.id}`, { headers: stranger.auth });
    expect((await other.json()).code).toBe('');
    const member = await fetch(`${server.url}/api/im/retrieve/${group.id}/`, { headers: owner.auth });
    expect((await member.json()).code).toBe('31415');
  });

  it('answers 404 for unknown and unfinished groups, 400 for a malformed id', async () => {
    expect((await fetch(`${server.url}/api/im/retrieve/999999/`)).status).toBe(404);
    const owner = await registerUser(server.url);
    const group = await (await createGroup(owner.auth, { name: 'pending' })).json();
    await server.db.groups.updateOne({ _id: group.id }, { $set: { status: 'pending' } });
    expect((await fetch(`${server.url}/api/im/retrieve/${group.id}/`)).status).toBe(404);
    const malformed = await fetch(`${server.url}/api/im/retrieve/abc/`);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).code).toBe('validation_error');
  });

  it('refuses an invalid token even on this public path', async () => {
    const res = await fetch(`${server.url}/api/im/retrieve/1/`, {
      headers: { authorization: 'Token invalid' },
    });
    expect(res.status).toBe(401);
  });
});
