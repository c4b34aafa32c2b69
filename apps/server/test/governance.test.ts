// Governance over real HTTP: roles and the new group and member fields, kick and ban, transfer, admins, mutes and
// mute-all, the announcement — with what RongCloud (the emulator) holds after each.
import { countOutOfStepTargets } from '@groupchat/db';
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, useTestServer } from './test-server.ts';

const server = useTestServer({ MAX_ADMINS_PER_GROUP: '2' });

type User = Awaited<ReturnType<typeof registerUser>>;

const call = (method: string, path: string, user?: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);
const form = (path: string, user: User, body: string) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...user.auth, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

interface Held {
  members: string[];
  gagged: { userId: string; until: string | null }[];
  banned: boolean;
  whitelist: string[];
}
const held = async (groupId: number): Promise<Held> => {
  const res = await fetch(`${server.emulator.url}/_emulator/groups/T${groupId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Held;
};

async function groupWith(memberCount: number) {
  const owner = await registerUser(server.url);
  const res = await call('POST', '/api/im/group/', owner, { name: 'governed', code: '' });
  const group = (await res.json()) as { id: number };
  const members: User[] = [];
  for (let i = 0; i < memberCount; i++) {
    const member = await registerUser(server.url);
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status).toBe(
      200,
    );
    members.push(member);
  }
  return { owner, members, id: group.id };
}

describe('group and member fields', () => {
  it('shows owner, member count, the caller’s role, announcement, mute-all and creation time', async () => {
    const { owner, members, id } = await groupWith(1);
    const mine = await (await call('GET', `/api/im/retrieve/${id}/`, owner)).json();
    expect(mine).toMatchObject({
      id,
      owner: owner.id,
      member_count: 2,
      role: 'owner',
      announcement: '',
      all_muted: false,
    });
    expect(new Date(mine.created_at).toISOString()).toBe(mine.created_at);
    await call('PATCH', `/api/im/group/${id}/`, owner, { announcement: '周六爬山' });
    const stranger = await registerUser(server.url);
    expect(await (await call('GET', `/api/im/retrieve/${id}/`, stranger)).json()).toMatchObject({
      role: null,
      announcement: '',
      code: '',
      member_count: 2,
    });
    expect(await (await call('GET', `/api/im/retrieve/${id}/`)).json()).toMatchObject({ role: null });
    expect((await (await call('GET', `/api/im/retrieve/${id}/`, members[0])).json()).announcement).toBe(
      '周六爬山',
    );
    const list = await (await call('GET', '/api/im/group/', members[0])).json();
    expect(list.results[0]).toMatchObject({ id, role: 'member', member_count: 2 });
  });
});

describe('kick (POST /api/im/group/{id}/kick/)', () => {
  it('removes listed members in RongCloud too, skips non-members, and takes a repeated form field', async () => {
    const { owner, members, id } = await groupWith(3);
    const stranger = await registerUser(server.url);
    const res = await form(
      `/api/im/group/${id}/kick/`,
      owner,
      `userids=${members[0]!.id}&userids=${members[1]!.id}&userids=${stranger.id}`,
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ userids: [members[0]!.id, members[1]!.id] });
    expect((await (await call('GET', `/api/im/retrieve/${id}/`, owner)).json()).member_count).toBe(2);
    await eventually(async () =>
      expect((await held(id)).members.sort()).toEqual([`T${owner.id}`, `T${members[2]!.id}`].sort()),
    );
    const single = await call('POST', `/api/im/group/${id}/kick/`, owner, { userid: members[2]!.id });
    expect(await single.json()).toEqual({ userids: [members[2]!.id] });
  });

  it('bans with block: refused on pull-in and code join until lifted; the ban list shows them', async () => {
    const owner = await registerUser(server.url);
    const group = await (
      await call('POST', '/api/im/group/', owner, { name: 'codes', code: '73519' })
    ).json();
    const member = await registerUser(server.url, { nick: 'spammer' });
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
    await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [member.id], block: true });
    const pulled = await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
    expect(pulled.status).toBe(403);
    expect((await pulled.json()).code).toBe('banned');
    const byCode = await call('POST', `/api/im/group/${group.id}/invite/`, member, { code: '73519' });
    expect(byCode.status).toBe(403);
    const bans = await (await call('GET', `/api/im/group/${group.id}/bans/`, owner)).json();
    expect(bans).toMatchObject({ count: 1, results: [{ id: member.id, nick: 'spammer' }] });
    expect((await call('GET', `/api/im/group/${group.id}/bans/`, member)).status).toBe(403);
    expect((await call('DELETE', `/api/im/group/${group.id}/bans/${member.id}/`, owner)).status).toBe(200);
    expect((await call('DELETE', `/api/im/group/${group.id}/bans/${member.id}/`, owner)).status).toBe(200);
    expect((await call('POST', `/api/im/group/${group.id}/invite/`, member, { code: '73519' })).status).toBe(
      200,
    );
  });

  it('refuses more than 100 ids and the caller in its own list with 400 and fields', async () => {
    const { owner, id } = await groupWith(0);
    const many = await call('POST', `/api/im/group/${id}/kick/`, owner, {
      userids: Array.from({ length: 101 }, (_, i) => i + 1),
    });
    expect(many.status).toBe(400);
    expect(Object.keys((await many.json()).fields)).toEqual(['userids']);
    const self = await call('POST', `/api/im/group/${id}/kick/`, owner, { userids: [owner.id] });
    expect((await self.json()).fields.userids).toHaveLength(1);
  });
});

describe('transfer and admins', () => {
  it('transfers ownership; the old owner becomes a member', async () => {
    const { owner, members, id } = await groupWith(1);
    const res = await call('POST', `/api/im/group/${id}/transfer/`, owner, { userid: members[0]!.id });
    expect(await res.json()).toMatchObject({ owner: members[0]!.id, role: 'member' });
    expect(
      (await call('POST', `/api/im/group/${id}/transfer/`, owner, { userid: members[0]!.id })).status,
    ).toBe(403);
    const stranger = await registerUser(server.url);
    const toStranger = await call('POST', `/api/im/group/${id}/transfer/`, members[0], {
      userid: stranger.id,
    });
    expect(toStranger.status).toBe(400);
  });

  it('appoints admins up to the cap, idempotently; removing is idempotent too', async () => {
    const { owner, members, id } = await groupWith(3);
    for (const member of [members[0]!, members[1]!, members[0]!]) {
      const res = await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: member.id });
      expect(await res.json()).toEqual({ userid: member.id });
    }
    const third = await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: members[2]!.id });
    expect(third.status).toBe(409);
    expect((await third.json()).code).toBe('too_many_admins');
    const page = await (await call('GET', `/api/im/group/${id}/users/`, owner)).json();
    expect(page.results.map((m: { role: string }) => m.role)).toEqual(['owner', 'admin', 'admin', 'member']);
    for (let i = 0; i < 2; i++) {
      expect((await call('DELETE', `/api/im/group/${id}/admins/${members[0]!.id}/`, owner)).status).toBe(200);
    }
    expect(
      (await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: members[2]!.id })).status,
    ).toBe(200);
    expect(
      (await call('POST', `/api/im/group/${id}/admins/`, members[1], { userid: members[0]!.id })).status,
    ).toBe(403);
  });
});

describe('mutes', () => {
  it('mutes a member for a while and until lifted, in RongCloud too, and lifts it', async () => {
    const { owner, members, id } = await groupWith(2);
    const timed = await (
      await call('POST', `/api/im/group/${id}/mute/`, owner, { userid: members[0]!.id, minutes: 30 })
    ).json();
    expect(timed.userid).toBe(members[0]!.id);
    expect(new Date(timed.muted_until).getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
    const forever = await (await form(`/api/im/group/${id}/mute/`, owner, `userid=${members[1]!.id}`)).json();
    expect(forever).toEqual({ userid: members[1]!.id, muted_until: null });
    await eventually(async () => {
      const gagged = (await held(id)).gagged.sort((a, b) => a.userId.localeCompare(b.userId));
      expect(gagged.map((gag) => gag.userId).sort()).toEqual(
        [`T${members[0]!.id}`, `T${members[1]!.id}`].sort(),
      );
      expect(gagged.find((gag) => gag.userId === `T${members[1]!.id}`)?.until).toBeNull();
    });
    const page = await (await call('GET', `/api/im/group/${id}/users/`, owner)).json();
    expect(page.results.map((m: { muted: boolean }) => m.muted)).toEqual([false, true, true]);
    expect((await call('DELETE', `/api/im/group/${id}/mute/${members[0]!.id}/`, owner)).status).toBe(200);
    await eventually(async () =>
      expect((await held(id)).gagged.map((gag) => gag.userId)).toEqual([`T${members[1]!.id}`]),
    );
    const outOfRange = await call('POST', `/api/im/group/${id}/mute/`, owner, {
      userid: members[0]!.id,
      minutes: 43_201,
    });
    expect(outOfRange.status).toBe(400);
  });

  it('mutes the whole group with the owner and admins whitelisted, and follows appointments', async () => {
    const { owner, members, id } = await groupWith(2);
    await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: members[0]!.id });
    const muted = await (
      await call('POST', `/api/im/group/${id}/mute_all/`, members[0], { enabled: true })
    ).json();
    expect(muted.all_muted).toBe(true);
    await eventually(async () => {
      const state = await held(id);
      expect(state.banned).toBe(true);
      expect(state.whitelist.sort()).toEqual([`T${owner.id}`, `T${members[0]!.id}`].sort());
    });
    await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: members[1]!.id });
    await eventually(async () => expect((await held(id)).whitelist).toHaveLength(3));
    await call('DELETE', `/api/im/group/${id}/admins/${members[1]!.id}/`, owner);
    await eventually(async () => expect((await held(id)).whitelist).toHaveLength(2));
    expect((await call('POST', `/api/im/group/${id}/mute_all/`, members[1], { enabled: false })).status).toBe(
      403,
    );
    await form(`/api/im/group/${id}/mute_all/`, owner, 'enabled=false');
    await eventually(async () => expect(await held(id)).toMatchObject({ banned: false, whitelist: [] }));
  });
});

describe('announcement and rename by admins', () => {
  it('lets admins rename and announce, members not', async () => {
    const { owner, members, id } = await groupWith(2);
    await call('POST', `/api/im/group/${id}/admins/`, owner, { userid: members[0]!.id });
    const renamed = await call('PATCH', `/api/im/group/${id}/`, members[0], {
      name: '新名字',
      announcement: 'hi',
    });
    expect(await renamed.json()).toMatchObject({ name: '新名字', announcement: 'hi', role: 'admin' });
    expect((await call('PATCH', `/api/im/group/${id}/`, members[1], { announcement: 'x' })).status).toBe(403);
    const long = await call('PATCH', `/api/im/group/${id}/`, owner, { announcement: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(
      (await (await call('PATCH', `/api/im/group/${id}/`, owner, { announcement: '' })).json()).announcement,
    ).toBe('');
  });
});

describe('governance as an attacker tries it', () => {
  it('refuses odd ids, numbers and flags with 400, and rank it lacks with 403, changing nothing', async () => {
    const { owner, members, id } = await groupWith(2);
    const [member, other] = members as [User, User];
    const before = await server.db.groups.findById(id).lean();
    const answers = await Promise.all([
      call('DELETE', `/api/im/group/${id}/admins/abc/`, owner),
      call('DELETE', `/api/im/group/${id}/mute/-1/`, owner),
      form(`/api/im/group/${id}/mute/`, owner, `userid=${member.id}&minutes=1e3`),
      call('POST', `/api/im/group/${id}/mute/`, owner, { userid: member.id, minutes: 0 }),
      form(`/api/im/group/${id}/mute_all/`, owner, 'enabled=yes'),
      call('POST', `/api/im/group/${id}/kick/`, owner, { userids: ['1; drop'] }),
    ]);
    expect(answers.map((res) => res.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const res of answers) expect((await res.json()).code).toBe('validation_error');
    const refused = await Promise.all([
      call('POST', `/api/im/group/${id}/mute_all/`, member, { enabled: true }),
      call('DELETE', `/api/im/group/${id}/bans/${other.id}/`, member),
      call('GET', `/api/im/group/${id}/bans/`, member),
      call('POST', `/api/im/group/${id}/kick/`, member, { userids: [other.id] }),
      call('POST', `/api/im/group/${id}/transfer/`, member, { userid: other.id }),
      call('POST', `/api/im/group/${id}/admins/`, member, { userid: member.id }),
    ]);
    expect(refused.map((res) => res.status)).toEqual([403, 403, 403, 403, 403, 403]);
    // Refused before anything is written, the group's RongCloud sync state included: a stranger cannot hold it.
    const stranger = await registerUser(server.url);
    const strangers = await Promise.all([
      call('GET', `/api/im/group/${id}/quit/`, stranger),
      call('POST', `/api/im/group/${id}/join/`, stranger, { userid: stranger.id }),
      call('DELETE', `/api/im/group/${id}/dismiss/`, member),
      call('POST', `/api/im/group/${id}/kick/`, stranger, { userids: [member.id] }),
    ]);
    expect(strangers.map((res) => res.status)).toEqual([403, 403, 403, 403]);
    expect(await server.db.groups.findById(id).lean()).toEqual(before);
    expect(await countOutOfStepTargets(server.db, { kind: 'group', id })).toBe(0);
    expect(await server.db.memberships.countDocuments({ groupId: id })).toBe(3);
  });

  it('takes the list when a client sends both userids and userid', async () => {
    const { owner, members, id } = await groupWith(2);
    const res = await call('POST', `/api/im/group/${id}/kick/`, owner, {
      userids: [members[0]!.id],
      userid: members[1]!.id,
    });
    expect(await res.json()).toEqual({ userids: [members[0]!.id] });
  });
});
