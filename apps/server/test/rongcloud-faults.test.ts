// RongCloud down, rate-limiting, two instances, a killed process: every request succeeds and RongCloud converges
// to MongoDB, each repair done once.

import { randomBytes } from 'node:crypto';
import { countOutOfStepTargets } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rongCloudDifferences } from './rongcloud-match.ts';
import { eventually, startTestServer, type TestServer } from './test-server.ts';

const appKey = 'faults-key';
const appSecret = randomBytes(12).toString('hex');
let emulator: RunningEmulator;
let first: TestServer;
let second: TestServer;

beforeAll(async () => {
  emulator = await startEmulator({ appKey, appSecret, port: 0 });
  const databaseUri = testDatabaseUri();
  const env = { RONGCLOUD_APP_KEY: appKey, RONGCLOUD_APP_SECRET: appSecret, RONGCLOUD_API_URL: emulator.url };
  first = await startTestServer(env, { databaseUri });
  second = await startTestServer(env, { databaseUri });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await emulator?.close();
});

type Session = { id: number; auth: { authorization: string } };
let phone = 15900000000;

async function register(server: TestServer): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: String(++phone), password: 'password1' }),
  });
  const body = await res.json();
  return { id: body.id, auth: { authorization: `Token ${body.token}` } };
}

async function send(server: TestServer, method: string, path: string, user: Session, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...user.auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const calls = (path: string) => emulator.state.getCalls()[path] ?? { ok: 0, failed: 0 };

/**
 * Brings RongCloud back between reconciler passes, so no repair straddles the recovery, lets both instances race to
 * repair, waits until RongCloud matches MongoDB with no event left, and answers how many successful calls each
 * endpoint received meanwhile.
 */
async function recoverAndConverge(endpoints: string[]): Promise<number[]> {
  await Promise.all([first.pauseReconciler(), second.pauseReconciler()]);
  const before = endpoints.map((path) => calls(path).ok);
  emulator.clearFaults();
  first.resumeReconciler();
  second.resumeReconciler();
  await eventually(async () => expect(await rongCloudDifferences(first.db, emulator)).toEqual([]), 20_000);
  await eventually(async () => expect(await countOutOfStepTargets(first.db)).toBe(0), 20_000);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return endpoints.map((path, i) => calls(path).ok - before[i]!);
}

describe('RongCloud down during a burst, two instances on one database', () => {
  it('answers every request, then converges with each repair done once', async () => {
    const servers = [first, second];
    const on = (i: number) => servers[i % 2]!;
    const owners = await Promise.all(Array.from({ length: 6 }, (_, i) => register(on(i))));
    const guests = await Promise.all(Array.from({ length: 18 }, (_, i) => register(on(i))));
    emulator.addFault({ downForMs: 60_000 });
    const statuses: number[] = [];
    const groups = await Promise.all(
      owners.map(async (owner, i) => {
        const created = await send(on(i), 'POST', '/api/im/group/', owner, {
          name: `burst ${i}`,
          code: `${8100 + i}`,
        });
        statuses.push(created.status);
        return created.body as { id: number };
      }),
    );
    await Promise.all(
      guests.map(async (guest, i) => {
        const group = groups[i % 6]!;
        statuses.push(
          (
            await send(on(i + 1), 'POST', `/api/im/group/${group.id}/invite/`, guest, {
              code: `${8100 + (i % 6)}`,
            })
          ).status,
        );
      }),
    );
    for (let i = 0; i < 3; i++) {
      statuses.push((await send(on(i), 'GET', `/api/im/group/${groups[i]!.id}/quit/`, guests[i]!)).status);
    }
    statuses.push(
      (
        await send(on(1), 'POST', `/api/im/group/${groups[4]!.id}/join/`, owners[4]!, {
          userid: guests[0]!.id,
        })
      ).status,
    );
    statuses.push(
      (await send(on(0), 'DELETE', `/api/im/group/${groups[5]!.id}/dismiss/`, owners[5]!)).status,
    );
    statuses.push(
      (await send(on(1), 'PATCH', `/api/im/group/${groups[3]!.id}/`, owners[3]!, { name: 'renamed' })).status,
    );
    expect(
      statuses.every((status) => status === 200 || status === 201),
      statuses.join(),
    ).toBe(true);
    expect(await rongCloudDifferences(first.db, emulator)).not.toEqual([]);
    const outOfStep = (await (await fetch(`${first.url}/readyz`)).json()).rongcloudOutOfStep;
    expect(outOfStep.groups).toBe(6);

    const repairs = await recoverAndConverge(['/group/user/query.json', '/group/dismiss.json']);
    // One full repair per live group (each reads the members once) and one dismissal: none done twice.
    expect(repairs).toEqual([5, 1]);
    expect(emulator.state.getGroup(`T${groups[3]!.id}`)?.name).toBe('renamed');
  });
});

describe('RongCloud rate-limiting', () => {
  it('retries answers of 429/1008 until the change is in, losing nothing', async () => {
    const owner = await register(first);
    const guest = await register(first);
    const created = await send(first, 'POST', '/api/im/group/', owner, { name: 'limited', code: '9900' });
    const failedBefore = calls('/group/join.json').failed;
    emulator.addFault({ endpoint: '/group/join.json', count: 6, httpStatus: 429, code: 1008 });
    const joined = await send(first, 'POST', `/api/im/group/${created.body.id}/invite/`, guest, {
      code: '9900',
    });
    expect(joined.status).toBe(200);
    await eventually(() =>
      expect(emulator.state.getGroup(`T${created.body.id}`)?.members).toEqual([
        `T${owner.id}`,
        `T${guest.id}`,
      ]),
    );
    expect(calls('/group/join.json').failed - failedBefore).toBe(6);
  });
});

describe('RongCloud down during governance changes, two instances on one database', () => {
  it('converges mutes, mute-all, whitelists and kicks once it is back, each repair done once', async () => {
    const servers = [first, second];
    const on = (i: number) => servers[i % 2]!;
    const owners = await Promise.all(Array.from({ length: 5 }, (_, i) => register(on(i))));
    const groups: number[] = [];
    const members: Session[][] = [];
    for (const [i, owner] of owners.entries()) {
      groups.push((await send(on(i), 'POST', '/api/im/group/', owner, { name: `governed ${i}` })).body.id);
      members.push(await Promise.all(Array.from({ length: 4 }, (_, j) => register(on(i + j)))));
      for (const member of members[i]!) {
        await send(on(i), 'POST', `/api/im/group/${groups[i]}/join/`, owner, { userid: member.id });
      }
    }
    await eventually(async () => expect(await rongCloudDifferences(first.db, emulator)).toEqual([]));
    emulator.addFault({ downForMs: 60_000 });
    const statuses = await Promise.all(
      owners.flatMap((owner, i) => {
        const [a, b, c, d] = members[i]! as [Session, Session, Session, Session];
        const path = `/api/im/group/${groups[i]}`;
        return [
          send(on(i), 'POST', `${path}/mute/`, owner, { userid: a.id, minutes: 60 }),
          send(on(i + 1), 'POST', `${path}/mute/`, owner, { userid: b.id }),
          send(on(i), 'POST', `${path}/admins/`, owner, { userid: c.id }),
          send(on(i + 1), 'POST', `${path}/mute_all/`, owner, { enabled: true }),
          send(on(i), 'POST', `${path}/kick/`, owner, { userids: [d.id], block: true }),
        ];
      }),
    );
    statuses.push(
      await send(on(1), 'POST', `/api/im/group/${groups[0]}/transfer/`, owners[0]!, {
        userid: members[0]![2]!.id,
      }),
    );
    statuses.push(
      await send(on(0), 'DELETE', `/api/im/group/${groups[1]}/mute/${members[1]![0]!.id}/`, owners[1]!),
    );
    statuses.push(await send(on(1), 'DELETE', `/api/im/group/${groups[4]}/dismiss/`, owners[4]!));
    expect(
      statuses.map((s) => s.status).every((status) => status === 200),
      JSON.stringify(statuses),
    ).toBe(true);
    expect(await rongCloudDifferences(first.db, emulator)).not.toEqual([]);

    const [gagListings] = await recoverAndConverge(['/group/user/gag/list.json']);
    // One full repair per live group (each lists its gags once): none done twice.
    expect(gagListings).toBe(4);
    const mutes = emulator.state.getGroupMutes(`T${groups[0]}`);
    expect(mutes.banned).toBe(true);
    expect(mutes.whitelist.sort()).toEqual([`T${members[0]![2]!.id}`].sort());
  });
});
