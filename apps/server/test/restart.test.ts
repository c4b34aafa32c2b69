import { randomBytes } from 'node:crypto';
import { connectDatabase, countOutOfStepTargets, type Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killServices, rongCloudEnv, startService } from './resilience/service-process.ts';
import { rongCloudDifferences } from './rongcloud-match.ts';
import { eventually } from './test-server.ts';

const appSecret = randomBytes(12).toString('hex');
const databaseUri = testDatabaseUri();
let emulator: RunningEmulator;
let db: Database;

beforeAll(async () => {
  emulator = await startEmulator({ appKey: 'restart-key', appSecret, port: 0 });
  db = await connectDatabase(databaseUri);
});
afterAll(async () => {
  killServices();
  await db?.connection.dropDatabase();
  await db?.close();
  await emulator?.close();
});

const serviceEnv = () => ({
  MONGODB_URI: databaseUri,
  ...rongCloudEnv(emulator.url, 'restart-key', appSecret),
});

let phone = 15100000000;
async function register(url: string) {
  const res = await fetch(`${url}/api/auth/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: String(++phone), password: 'password1' }),
  });
  const body = await res.json();
  return { id: body.id as number, auth: { authorization: `Token ${body.token}` } };
}

it('a killed instance loses nothing: answered writes stay, RongCloud converges after the restart', async () => {
  const before = await startService(serviceEnv());
  const owners = await Promise.all(Array.from({ length: 4 }, () => register(before.url)));
  const guests = await Promise.all(Array.from({ length: 24 }, () => register(before.url)));
  emulator.addFault({ downForMs: 60_000 });
  const groups: number[] = [];
  for (const [i, owner] of owners.entries()) {
    const res = await fetch(`${before.url}/api/im/group/`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `survivor ${i}`, code: `${5200 + i}` }),
    });
    expect(res.status).toBe(201);
    groups.push((await res.json()).id);
  }
  const answered: Array<{ groupId: number; userId: number }> = [];
  const burst = guests.map(async (guest, i) => {
    const groupId = groups[i % 4]!;
    try {
      const res = await fetch(`${before.url}/api/im/group/${groupId}/invite/`, {
        method: 'POST',
        headers: { ...guest.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ code: `${5200 + (i % 4)}` }),
      });
      if (res.status === 200) answered.push({ groupId, userId: guest.id });
    } catch {
      // The connection died with the process: this write was never acknowledged.
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 150));
  before.child.kill('SIGKILL');
  await Promise.all(burst);

  const after = await startService(serviceEnv());
  emulator.clearFaults();
  for (const { groupId, userId } of answered) {
    expect(await db.memberships.exists({ groupId, userId }), `${userId} in ${groupId}`).not.toBeNull();
  }
  await eventually(async () => expect(await rongCloudDifferences(db, emulator)).toEqual([]), 30_000);
  await eventually(async () => expect(await countOutOfStepTargets(db)).toBe(0), 30_000);
  for (const groupId of groups) expect(emulator.state.getGroup(`T${groupId}`)).toBeDefined();
  const retrieved = await fetch(`${after.url}/api/im/retrieve/${groups[0]}/`);
  expect(retrieved.status).toBe(200);
}, 60_000);

it('a killed instance mid-burst of mutes and kicks: RongCloud’s mute state converges after the restart', async () => {
  const before = await startService(serviceEnv());
  const owner = await register(before.url);
  const members = await Promise.all(Array.from({ length: 12 }, () => register(before.url)));
  const send = (path: string, body: unknown) =>
    fetch(`${before.url}${path}`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const groupId = (await (await send('/api/im/group/', { name: 'muted survivor' })).json()).id as number;
  for (const member of members) await send(`/api/im/group/${groupId}/join/`, { userid: member.id });
  emulator.addFault({ downForMs: 60_000 });
  const burst = members.map(async (member, i) => {
    try {
      if (i % 3 === 0) await send(`/api/im/group/${groupId}/kick/`, { userids: [member.id], block: true });
      else if (i % 3 === 1) await send(`/api/im/group/${groupId}/mute/`, { userid: member.id, minutes: 90 });
      else await send(`/api/im/group/${groupId}/admins/`, { userid: member.id });
    } catch {
      // The connection died with the process.
    }
  });
  const muteAll = send(`/api/im/group/${groupId}/mute_all/`, { enabled: true }).catch(() => undefined);
  await new Promise((resolve) => setTimeout(resolve, 150));
  before.child.kill('SIGKILL');
  await Promise.all([...burst, muteAll]);

  await startService(serviceEnv());
  emulator.clearFaults();
  await eventually(async () => expect(await rongCloudDifferences(db, emulator)).toEqual([]), 30_000);
  await eventually(async () => expect(await countOutOfStepTargets(db)).toBe(0), 30_000);
  const group = (await db.groups.findById(groupId).lean())!;
  expect(group.memberCount).toBe(await db.memberships.countDocuments({ groupId }));
}, 60_000);
