// Membership rules over real HTTP: join, face-to-face invite, quit, member list, dismiss, rename.
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, useTestServer } from './test-server.ts';

const server = useTestServer({
  MAX_MEMBERS_PER_GROUP: '4',
  MAX_GROUPS_PER_USER: '3',
  CODE_MAX_FAILURES: '3',
});

type User = Awaited<ReturnType<typeof registerUser>>;

const call = (method: string, path: string, user?: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);

async function newGroup(owner: User, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/im/group/', owner, { name: 'members', ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; name: string; code: string; cover: string };
}

const memberIds = async (groupId: number) =>
  (await server.db.memberships.find({ groupId }).sort({ joinedAt: 1 }).lean()).map((m) => m.userId);

describe('POST /api/im/group/{id}/join/', () => {
  it('lets any member pull another user in, once', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const guest = await registerUser(server.url);
    const group = await newGroup(owner);
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status).toBe(
      200,
    );
    const res = await call('POST', `/api/im/group/${group.id}/join`, member, { userid: String(guest.id) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userid: guest.id });
    const again = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: guest.id });
    expect(again.status).toBe(200);
    expect(await memberIds(group.id)).toEqual([owner.id, member.id, guest.id]);
    await eventually(() =>
      expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([
        `T${owner.id}`,
        `T${member.id}`,
        `T${guest.id}`,
      ]),
    );
  });

  it('refuses non-members (403), unknown users (400) and unknown groups (404)', async () => {
    const owner = await registerUser(server.url);
    const stranger = await registerUser(server.url);
    const group = await newGroup(owner);
    const byStranger = await call('POST', `/api/im/group/${group.id}/join/`, stranger, {
      userid: stranger.id,
    });
    expect(byStranger.status).toBe(403);
    expect((await byStranger.json()).code).toBe('permission_denied');
    const unknownUser = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: 99_999_999 });
    expect(unknownUser.status).toBe(400);
    expect((await unknownUser.json()).fields.userid).toHaveLength(1);
    expect((await call('POST', '/api/im/group/99999999/join/', owner, { userid: owner.id })).status).toBe(
      404,
    );
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, {})).status).toBe(400);
    expect(await memberIds(group.id)).toEqual([owner.id]);
  });

  it('holds the member cap (409 group_full)', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const others = await Promise.all(Array.from({ length: 4 }, () => registerUser(server.url)));
    for (const other of others.slice(0, 3)) {
      expect(
        (await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: other.id })).status,
      ).toBe(200);
    }
    const full = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: others[3]!.id });
    expect(full.status).toBe(409);
    expect((await full.json()).code).toBe('group_full');
    expect(await memberIds(group.id)).toHaveLength(4);
  });

  it('seats a joiner in the seat a leaver freed, and still holds the cap', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const [first, second, third, late, later] = await Promise.all(
      Array.from({ length: 5 }, () => registerUser(server.url)),
    );
    for (const member of [first!, second!, third!])
      expect(
        (await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status,
      ).toBe(200);
    // The first leaves a hole below the highest seat: the count proposes a seat that is taken.
    expect((await call('POST', `/api/im/group/${group.id}/quit/`, first)).status).toBe(200);
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: late!.id })).status).toBe(
      200,
    );
    const slots = (await server.db.memberships.find({ groupId: group.id }).lean()).map((m) => m.slot).sort();
    expect(slots).toEqual([0, 1, 2, 3]);
    const full = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: later!.id });
    expect((await full.json()).code).toBe('group_full');
    expect(await memberIds(group.id)).toHaveLength(4);
  });

  it('lets a joiner in when the stored count says full but a seat is free', async () => {
    const owner = await registerUser(server.url);
    const guest = await registerUser(server.url);
    const group = await newGroup(owner);
    // A count out of step (a repair recounts it) must not refuse: the seats decide.
    await server.db.groups.updateOne({ _id: group.id }, { $set: { memberCount: 4 } });
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: guest.id })).status).toBe(
      200,
    );
    expect(await memberIds(group.id)).toEqual([owner.id, guest.id]);
  });

  it('tells a banned user of the ban, not that the group is full', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner, { code: '86420' });
    const banned = await registerUser(server.url);
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: banned.id });
    await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [banned.id], block: true });
    const others = await Promise.all(Array.from({ length: 3 }, () => registerUser(server.url)));
    for (const other of others)
      expect(
        (await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: other.id })).status,
      ).toBe(200);
    const byCode = await call('POST', `/api/im/group/${group.id}/invite/`, banned, { code: '86420' });
    expect((await byCode.json()).code).toBe('banned');
    const pulled = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: banned.id });
    expect((await pulled.json()).code).toBe('banned');
    expect(await memberIds(group.id)).toHaveLength(4);
  });

  it('holds the cap on groups per user (409 too_many_groups)', async () => {
    const busy = await registerUser(server.url);
    for (let i = 0; i < 3; i++) await newGroup(busy);
    const res = await call('POST', '/api/im/group/', busy, { name: 'one too many' });
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('too_many_groups');
    expect(await server.db.groups.countDocuments({ ownerId: busy.id, status: { $ne: 'live' } })).toBe(0);
  });
});

describe('POST /api/im/group/{id}/invite/', () => {
  it('admits a user who gives the right code, and shows them the group with its code', async () => {
    const owner = await registerUser(server.url);
    const guest = await registerUser(server.url);
    const group = await newGroup(owner, { code: '2468' });
    const res = await call('POST', `/api/im/group/${group.id}/invite/`, guest, { code: '2468' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...group, role: 'member', member_count: 2 });
    expect(await memberIds(group.id)).toEqual([owner.id, guest.id]);
    const form = await fetch(`${server.url}/api/im/group/${group.id}/invite/`, {
      method: 'POST',
      headers: guest.auth,
      body: new URLSearchParams({ code: '2468' }),
    });
    expect(form.status).toBe(200);
    expect(await memberIds(group.id)).toEqual([owner.id, guest.id]);
  });

  it('refuses a wrong code, then throttles the guesser with Retry-After', async () => {
    const owner = await registerUser(server.url);
    const guesser = await registerUser(server.url);
    const group = await newGroup(owner, { code: '13579' });
    for (const guess of ['11111', '22222', '33333']) {
      const res = await call('POST', `/api/im/group/${group.id}/invite/`, guesser, { code: guess });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('code_invalid');
    }
    const throttled = await call('POST', `/api/im/group/${group.id}/invite/`, guesser, { code: '13579' });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await memberIds(group.id)).toEqual([owner.id]);
    const other = await registerUser(server.url);
    expect((await call('POST', `/api/im/group/${group.id}/invite/`, other, { code: '13579' })).status).toBe(
      200,
    );
  });

  it('refuses an expired code, and a group without one', async () => {
    const owner = await registerUser(server.url);
    const guest = await registerUser(server.url);
    const group = await newGroup(owner, { code: '8642' });
    await server.db.groups.updateOne(
      { _id: group.id },
      { $set: { codeExpiresAt: new Date(Date.now() - 1) } },
    );
    const expired = await call('POST', `/api/im/group/${group.id}/invite/`, guest, { code: '8642' });
    expect(expired.status).toBe(400);
    expect((await expired.json()).code).toBe('code_expired');
    const plain = await newGroup(owner);
    const none = await call('POST', `/api/im/group/${plain.id}/invite/`, guest, { code: '' });
    expect((await none.json()).code).toBe('code_invalid');
    expect(await memberIds(group.id)).toEqual([owner.id]);
  });
});

describe('quit (GET and POST /api/im/group/{id}/quit/)', () => {
  it('lets a member leave; ownership passes to the longest-standing member', async () => {
    const owner = await registerUser(server.url);
    const first = await registerUser(server.url);
    const second = await registerUser(server.url);
    const group = await newGroup(owner);
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: first.id });
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: second.id });
    const res = await call('GET', `/api/im/group/${group.id}/quit/`, owner);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ detail: '操作成功' });
    expect((await server.db.groups.findById(group.id).lean())?.ownerId).toBe(first.id);
    expect(await memberIds(group.id)).toEqual([first.id, second.id]);
    expect((await call('POST', `/api/im/group/${group.id}/quit`, second)).status).toBe(200);
    expect((await call('GET', `/api/im/group/${group.id}/quit/`, second)).status).toBe(403);
    await eventually(() =>
      expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([`T${first.id}`]),
    );
  });

  it('dismisses the group when the last member leaves, and frees its code', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner, { code: '97531' });
    expect((await call('POST', `/api/im/group/${group.id}/quit/`, owner)).status).toBe(200);
    expect((await server.db.groups.findById(group.id).lean())?.status).toBe('dismissed');
    expect((await call('GET', `/api/im/retrieve/${group.id}/`)).status).toBe(404);
    const reuse = await call('POST', '/api/im/group/', await registerUser(server.url), {
      name: 'x',
      code: '97531',
    });
    expect(reuse.status).toBe(201);
    await eventually(() => expect(server.emulator.state.getGroup(`T${group.id}`)).toBeUndefined());
  });
});

describe('GET /api/im/group/{id}/users/', () => {
  it('pages the members, owner first then by join time, for members only', async () => {
    const owner = await registerUser(server.url, { name: '群主', nick: 'boss' });
    const a = await registerUser(server.url);
    const b = await registerUser(server.url);
    const group = await newGroup(owner);
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: a.id });
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: b.id });
    // Ownership moves to `a`; the old owner is out, so `a` leads and `b` follows.
    await call('GET', `/api/im/group/${group.id}/quit/`, owner);
    await call('POST', `/api/im/group/${group.id}/join/`, a, { userid: owner.id });
    const page1 = await (await call('GET', `/api/im/group/${group.id}/users/?page_size=2`, b)).json();
    expect(page1.count).toBe(3);
    expect(page1.results.map((u: { id: number }) => u.id)).toEqual([a.id, b.id]);
    expect(page1.next).toBe(`${server.url}/api/im/group/${group.id}/users/?page=2&page_size=2`);
    const page2 = await (await call('GET', `/api/im/group/${group.id}/users/?page=2&page_size=2`, b)).json();
    expect(page2.results).toEqual([
      {
        id: owner.id,
        name: '群主',
        nick: 'boss',
        avatar: `${server.url}/media/defaults/avatar.png`,
        // b reads the list: everyone else's number is masked (privacy.test.ts).
        username: `${owner.username.slice(0, 3)}****${owner.username.slice(-4)}`,
        level: '',
        role: 'member',
        joined_at: expect.any(String),
        muted: false,
        muted_until: null,
      },
    ]);
    expect(page2.previous).toBe(`${server.url}/api/im/group/${group.id}/users/?page_size=2`);
    const stranger = await registerUser(server.url);
    expect((await call('GET', `/api/im/group/${group.id}/users/`, stranger)).status).toBe(403);
    expect((await call('GET', `/api/im/group/${group.id}/users/?page=3&page_size=2`, b)).status).toBe(404);
  });

  it('gives a page of one member only, the owner, and links the next (limit(0) means no limit)', async () => {
    const owner = await registerUser(server.url);
    const others = [await registerUser(server.url), await registerUser(server.url)];
    const group = await newGroup(owner);
    for (const other of others)
      await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: other.id });
    const page1 = await (await call('GET', `/api/im/group/${group.id}/users/?page_size=1`, owner)).json();
    expect(page1.results.map((u: { id: number }) => u.id)).toEqual([owner.id]);
    expect(page1.next).toBe(`${server.url}/api/im/group/${group.id}/users/?page=2&page_size=1`);
    const page3 = await (
      await call('GET', `/api/im/group/${group.id}/users/?page=3&page_size=1`, owner)
    ).json();
    expect(page3.results.map((u: { id: number }) => u.id)).toEqual([others[1]!.id]);
    expect(page3.next).toBeNull();
  });
});

describe('dismiss (GET, POST and DELETE /api/im/group/{id}/dismiss/)', () => {
  it('is for the owner only; a dismissed group is 404 everywhere and frees its code', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const owner = await registerUser(server.url);
      const member = await registerUser(server.url);
      const code = String(40000 + Math.floor(Math.random() * 50000));
      const group = await newGroup(owner, { code });
      await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
      const refused = await call(method, `/api/im/group/${group.id}/dismiss/`, member);
      expect(refused.status, method).toBe(403);
      const res = await call(method, `/api/im/group/${group.id}/dismiss`, owner);
      expect(res.status, method).toBe(200);
      expect(await res.json()).toEqual({ detail: '操作成功' });
      expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(0);
      for (const [verb, path, body] of [
        ['GET', `/api/im/retrieve/${group.id}/`, undefined],
        ['GET', `/api/im/group/${group.id}/users/`, undefined],
        ['GET', `/api/im/group/${group.id}/quit/`, undefined],
        ['GET', `/api/im/group/${group.id}/dismiss/`, undefined],
        ['POST', `/api/im/group/${group.id}/join/`, { userid: member.id }],
        ['POST', `/api/im/group/${group.id}/invite/`, { code }],
        ['PATCH', `/api/im/group/${group.id}/`, { name: 'again' }],
      ] as const) {
        expect((await call(verb, path, owner, body)).status, `${verb} ${path}`).toBe(404);
      }
      expect((await (await call('GET', '/api/im/group/', member)).json()).count).toBe(0);
      expect((await call('POST', '/api/im/group/', member, { name: 'reuse', code })).status).toBe(201);
      await eventually(() => expect(server.emulator.state.getGroup(`T${group.id}`)).toBeUndefined());
    }
  });
});

describe('PATCH /api/im/group/{id}/', () => {
  it('lets the owner rename the group, in MongoDB and in RongCloud', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const group = await newGroup(owner);
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
    expect((await call('PATCH', `/api/im/group/${group.id}/`, member, { name: 'mine now' })).status).toBe(
      403,
    );
    const res = await call('PATCH', `/api/im/group/${group.id}`, owner, { name: '  新名字 ' });
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe('新名字');
    expect((await server.db.groups.findById(group.id).lean())?.name).toBe('新名字');
    await eventually(() => expect(server.emulator.state.getGroup(`T${group.id}`)?.name).toBe('新名字'));
    expect((await call('PATCH', `/api/im/group/${group.id}/`, owner, { name: '' })).status).toBe(400);
  });
});
