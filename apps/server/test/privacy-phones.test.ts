// Phone numbers in member lists: masked for everyone but their owner, whole on /users/me/, whole again with
// MEMBER_PHONE=full (the legacy behaviour, for deployments that need it).
import { describe, expect, it } from 'vitest';
import { registerUser, requestAs, useTestServer } from './test-server.ts';

const masked = useTestServer();
const full = useTestServer({ MEMBER_PHONE: 'full' });

type Server = typeof masked;
type User = Awaited<ReturnType<typeof registerUser>>;

async function groupOfThree(server: Server) {
  const [owner, a, b] = [
    await registerUser(server.url),
    await registerUser(server.url),
    await registerUser(server.url),
  ];
  const group = await (
    await requestAs(server.url, 'POST', '/api/im/group/', owner, { name: 'phones' })
  ).json();
  for (const user of [a, b]) {
    const res = await requestAs(server.url, 'POST', `/api/im/group/${group.id}/join/`, owner, {
      userid: user.id,
    });
    expect(res.status).toBe(200);
  }
  return { group: group as { id: number }, owner, a, b };
}

const usernames = async (server: Server, groupId: number, viewer: User) => {
  const res = await requestAs(server.url, 'GET', `/api/im/group/${groupId}/users/`, viewer);
  expect(res.status).toBe(200);
  const page = (await res.json()) as { results: { id: number; username: string }[] };
  return Object.fromEntries(page.results.map((member) => [member.id, member.username]));
};

const mask = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

describe('member lists', () => {
  it("show the caller's own number whole and everyone else's as 139****1234", async () => {
    const { group, owner, a, b } = await groupOfThree(masked);
    expect(await usernames(masked, group.id, a)).toEqual({
      [owner.id]: mask(owner.username),
      [a.id]: a.username,
      [b.id]: mask(b.username),
    });
    expect(mask(owner.username)).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const trpc = await fetch(
      `${masked.url}/trpc/groups.listMembers?input=${encodeURIComponent(JSON.stringify({ id: group.id }))}`,
      { headers: owner.auth },
    );
    const body = (await trpc.json()) as { result: { data: { results: { id: number; username: string }[] } } };
    expect(body.result.data.results.map((member) => member.username)).toEqual([
      owner.username,
      mask(a.username),
      mask(b.username),
    ]);
  });

  it('/api/users/me/ keeps the caller’s number whole', async () => {
    const user = await registerUser(masked.url);
    const me = await (await requestAs(masked.url, 'GET', '/api/users/me/', user)).json();
    expect(me.username).toBe(user.username);
  });

  it('show every number whole with MEMBER_PHONE=full', async () => {
    const { group, owner, a, b } = await groupOfThree(full);
    expect(await usernames(full, group.id, a)).toEqual({
      [owner.id]: owner.username,
      [a.id]: a.username,
      [b.id]: b.username,
    });
  });
});
