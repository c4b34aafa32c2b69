// Two attacks of issue 14, replayed against the service, each refused. Harvest: pull sequential ids into a group of
// your own and read the member list, which showed every phone number (an unknown id answered 400, which enumerates
// ids too). Lockout: one account pulled a victim into 1,000 groups in 137 s, after which the victim got 409
// too_many_groups on every create and join. Scaled down here: the limits are small so the attack fits in a test.
import { describe, expect, it } from 'vitest';
import { registerUser, requestAs, useTestServer } from '../test-server.ts';

const PULL_INS = 8;
const server = useTestServer({
  PULL_INS_PER_HOUR: String(PULL_INS),
  // One account traps a victim in at most this many groups an hour, fewer than the victim may be in (30 < 1,000 by
  // default): the throttle alone leaves room; consent leaves the victim untouched.
  GROUP_CREATES_PER_HOUR: '2',
  MAX_GROUPS_PER_USER: '4',
});

type User = Awaited<ReturnType<typeof registerUser>>;
const call = (method: string, path: string, user: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);

async function askForApproval(user: User) {
  expect((await call('PATCH', '/api/users/me/', user, { group_invites: 'approval' })).status).toBe(200);
}

describe('harvest: sequential ids pulled into the attacker’s group, then the member list read', () => {
  it('yields no phone number, adds nobody who asked for approval, and stops at the pull-in budget', async () => {
    const victims = await Promise.all(Array.from({ length: 5 }, () => registerUser(server.url)));
    await askForApproval(victims[1]!);
    await askForApproval(victims[3]!);
    const attacker = await registerUser(server.url);
    const group = await (await call('POST', '/api/im/group/', attacker, { name: 'free gifts' })).json();
    const first = Math.min(...victims.map((victim) => victim.id));
    const answers: Record<number, number> = {};
    for (let id = first; id < first + PULL_INS + 4; id++) {
      answers[id] = (await call('POST', `/api/im/group/${group.id}/join/`, attacker, { userid: id })).status;
    }
    const statuses = Object.values(answers);
    // The budget counts every attempt, so the sweep stops after PULL_INS ids, whatever they answered.
    expect(statuses.slice(0, PULL_INS).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(PULL_INS)).toEqual([429, 429, 429, 429]);
    expect(answers[victims[1]!.id]).toBe(202);
    expect(answers[victims[3]!.id]).toBe(202);

    const page = await (await call('GET', `/api/im/group/${group.id}/users/?page_size=100`, attacker)).text();
    for (const victim of victims) expect(page).not.toContain(victim.username);
    const members = JSON.parse(page).results as { id: number; username: string }[];
    expect(members.map((member) => member.id)).not.toContain(victims[1]!.id);
    expect(members.map((member) => member.id)).not.toContain(victims[3]!.id);
    for (const member of members.filter((member) => member.id !== attacker.id)) {
      expect(member.username).toMatch(/^1\d{2}\*{4}\d{4}$/);
    }
  });

  it('spends the budget on unknown ids too, and once it is spent a real id and an unknown one answer alike', async () => {
    const real = await registerUser(server.url);
    const attacker = await registerUser(server.url);
    const group = await (await call('POST', '/api/im/group/', attacker, { name: 'probe' })).json();
    const pull = (userid: number) => call('POST', `/api/im/group/${group.id}/join/`, attacker, { userid });
    for (let i = 0; i < PULL_INS; i++) expect((await pull(900_000_000 + i)).status).toBe(400);
    const known = await pull(real.id);
    const unknown = await pull(999_999_999);
    expect([known.status, unknown.status]).toEqual([429, 429]);
    expect(await known.json()).toEqual(await unknown.json());
    expect(await server.db.memberships.countDocuments({ groupId: group.id })).toBe(1);
  });
});

describe('lockout: a victim pulled into group after group until every create and join is 409', () => {
  it('one account cannot fill the groups of a victim who takes anyone: creation runs out first', async () => {
    const victim = await registerUser(server.url);
    const attacker = await registerUser(server.url);
    const created: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await call('POST', '/api/im/group/', attacker, { name: `trap ${i}` });
      created.push(res.status);
      if (res.status !== 201) continue;
      const group = await res.json();
      expect(
        (await call('POST', `/api/im/group/${group.id}/join/`, attacker, { userid: victim.id })).status,
      ).toBe(200);
    }
    expect(created).toEqual([201, 201, 429, 429]);
    expect(await server.db.memberships.countDocuments({ userId: victim.id })).toBe(2);
    expect((await call('POST', '/api/im/group/', victim, { name: 'still mine' })).status).toBe(201);
  });

  it('a victim who asked for approval is never seated, by any number of accounts, and can still create and join', async () => {
    const victim = await registerUser(server.url);
    await askForApproval(victim);
    const attackers = await Promise.all(Array.from({ length: 3 }, () => registerUser(server.url)));
    const answers: number[] = [];
    for (const attacker of attackers) {
      for (let i = 0; i < 2; i++) {
        const group = await (await call('POST', '/api/im/group/', attacker, { name: `trap ${i}` })).json();
        answers.push(
          (await call('POST', `/api/im/group/${group.id}/join/`, attacker, { userid: victim.id })).status,
        );
      }
    }
    expect(answers).toEqual(Array(6).fill(202));
    expect(await server.db.memberships.countDocuments({ userId: victim.id })).toBe(0);
    const pending = await (await call('GET', '/api/im/invitations/', victim)).json();
    expect(pending.count).toBe(6);

    const own = await call('POST', '/api/im/group/', victim, { name: 'mine' });
    expect(own.status).toBe(201);
    const host = await registerUser(server.url);
    const open = await (
      await call('POST', '/api/im/group/', host, { name: 'open', code: '73019284' })
    ).json();
    const joined = await call('POST', `/api/im/group/${open.id}/invite/`, victim, { code: '73019284' });
    expect(joined.status).toBe(200);
    expect((await call('POST', '/api/im/group/', host, { name: 'alone', code: '73019285' })).status).toBe(
      201,
    );
    expect((await call('POST', '/api/im/group/code/73019285/join/', victim)).status).toBe(200);
    for (const invitation of pending.results.slice(0, 3)) {
      const declined = await call('POST', `/api/im/invitations/${invitation.id}/decline/`, victim);
      expect(declined.status).toBe(200);
    }
  });
});
