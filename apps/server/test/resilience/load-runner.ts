// A bounded, pausable load of concurrent workers: writes (create a group with a code, join by code, quit, rename)
// mixed with reads. Every request has a timeout; every answer is kept as a sample and every write's outcome in
// the ledger. A worker only writes for its own users, so the ledger knows each pair's last acknowledged state.
import { setTimeout as sleep } from 'node:timers/promises';
import { callApi, type Operation, type Sample } from './http-call.ts';
import { profile } from './resilience-profile.ts';
import { type KnownGroup, WriteLedger } from './write-ledger.ts';

export interface Member {
  id: number;
  auth: { authorization: string };
}

export interface Crew {
  owner: Member;
  guests: Member[];
}

interface LoadOptions {
  url: string;
  crews: Crew[];
  ledger: WriteLedger;
  requestTimeoutMs: number;
  maxRequestsPerWorker: number;
}

export interface Load {
  readonly samples: Sample[];
  /** When each request being answered right now was sent. */
  inFlight(): number[];
  /** No new requests; resolves once those in flight are answered. */
  pause(): Promise<void>;
  resume(): void;
  stop(): Promise<void>;
}

let phone = 0;
let nextCode = 20_000_000;

export async function registerCrews(url: string, workers: number, guestsPerWorker: number): Promise<Crew[]> {
  const register = async (): Promise<Member> => {
    const username = `137${String(process.pid % 1000).padStart(3, '0')}${String(++phone).padStart(5, '0')}`;
    const { sample, body } = await callApi(
      url,
      'register',
      { method: 'POST', path: '/api/auth/register/', body: { username, password: 'resilience1' } },
      15_000,
    );
    if (sample.outcome !== 201)
      throw new Error(`register answered ${sample.outcome}: ${JSON.stringify(body)}`);
    return { id: body.id, auth: { authorization: `Token ${body.token}` } };
  };
  // A few at a time: registration is setup, not the load under test.
  const members: Member[] = [];
  const total = workers * (1 + guestsPerWorker);
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, total) }, async () => {
      while (started < total) {
        started++;
        members.push(await register());
      }
    }),
  );
  const size = 1 + guestsPerWorker;
  return Array.from({ length: workers }, (_, i) => ({
    owner: members[i * size]!,
    guests: members.slice(i * size + 1, (i + 1) * size),
  }));
}

const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)];

/** The profile's load on these crews, every acknowledged write recorded in a fresh ledger. */
export function startProfileLoad(url: string, crews: Crew[]): { ledger: WriteLedger; load: Load } {
  const ledger = new WriteLedger();
  const load = startLoad({
    url,
    crews,
    ledger,
    requestTimeoutMs: profile.requestTimeoutMs,
    maxRequestsPerWorker: profile.maxRequestsPerWorker,
  });
  return { ledger, load };
}

function startLoad(options: LoadOptions): Load {
  const { url, ledger, requestTimeoutMs } = options;
  const samples: Sample[] = [];
  let stopped = false;
  let gate: { promise: Promise<void>; open(): void } | undefined;
  const inFlight = new Map<number, number>();
  let lastRequestId = 0;

  const send = async (
    op: Operation,
    request: { method: string; path: string; auth: Member['auth']; body?: unknown },
  ) => {
    const id = ++lastRequestId;
    inFlight.set(id, Date.now());
    try {
      const result = await callApi(url, op, request, requestTimeoutMs);
      samples.push(result.sample);
      return result;
    } finally {
      inFlight.delete(id);
    }
  };
  // A write without a clear answer may or may not have happened.
  const unclear = (outcome: Sample['outcome']) => typeof outcome !== 'number' || outcome >= 500;

  const create = async (crew: Crew) => {
    const code = String(nextCode++);
    const name = `load ${code}`;
    const { sample, body } = await send('create', {
      method: 'POST',
      path: '/api/im/group/',
      auth: crew.owner.auth,
      body: { name, code },
    });
    if (sample.outcome === 201) ledger.created({ id: body.id, code, ownerId: crew.owner.id, name });
    return sample;
  };

  const invite = async (crew: Crew) => {
    const guest = pick(crew.guests)!;
    const candidates = ledger.groups.filter((group) => ledger.stateOf(group.id, guest.id) !== 'in');
    const group = pick(candidates) ?? pick(ledger.groups)!;
    const { sample } = await send('invite', {
      method: 'POST',
      path: `/api/im/group/${group.id}/invite/`,
      auth: guest.auth,
      body: { code: group.code },
    });
    if (sample.outcome === 200) ledger.member(group.id, guest.id, 'in');
    else if (unclear(sample.outcome)) ledger.member(group.id, guest.id, 'unknown');
    return sample;
  };

  const quit = async (crew: Crew) => {
    const guest = pick(crew.guests.filter((member) => ledger.groupsOf(member.id).length > 0));
    if (!guest) return invite(crew);
    const groupId = pick(ledger.groupsOf(guest.id))!;
    const { sample } = await send('quit', {
      method: 'POST',
      path: `/api/im/group/${groupId}/quit/`,
      auth: guest.auth,
    });
    if (sample.outcome === 200) ledger.member(groupId, guest.id, 'out');
    else if (unclear(sample.outcome)) ledger.member(groupId, guest.id, 'unknown');
    return sample;
  };

  const rename = async (crew: Crew, group: KnownGroup) => {
    const name = `renamed ${group.id} ${samples.length}`;
    const { sample } = await send('rename', {
      method: 'PATCH',
      path: `/api/im/group/${group.id}/`,
      auth: crew.owner.auth,
      body: { name },
    });
    if (sample.outcome === 200) group.name = name;
    else if (unclear(sample.outcome)) group.name = null;
    return sample;
  };

  const read = async (crew: Crew, mine: KnownGroup[]) => {
    const roll = Math.random();
    if (roll < 1 / 3) {
      const member = pick([crew.owner, ...crew.guests])!;
      return (await send('list', { method: 'GET', path: '/api/im/group/', auth: member.auth })).sample;
    }
    if (roll < 2 / 3) {
      const group = pick(ledger.groups)!;
      const path = `/api/im/retrieve/${group.id}/`;
      return (await send('retrieve', { method: 'GET', path, auth: crew.owner.auth })).sample;
    }
    const path = `/api/im/group/${pick(mine)!.id}/users/`;
    return (await send('members', { method: 'GET', path, auth: crew.owner.auth })).sample;
  };

  const step = (crew: Crew) => {
    const mine = ledger.groups.filter((group) => group.ownerId === crew.owner.id);
    const roll = Math.random();
    if (mine.length === 0 || roll < 0.12) return create(crew);
    if (roll < 0.47) return invite(crew);
    if (roll < 0.62) return quit(crew);
    if (roll < 0.67) return rename(crew, pick(mine)!);
    return read(crew, mine);
  };

  const work = async (crew: Crew) => {
    let sent = 0;
    while (!stopped && sent < options.maxRequestsPerWorker) {
      if (gate) {
        await gate.promise;
        continue;
      }
      sent++;
      const sample = await step(crew);
      // No answer, or a refusal to come back later: a pause, as a client would make, keeps the loop from spinning.
      if (typeof sample.outcome !== 'number') await sleep(200);
      else if (sample.outcome === 503) await sleep(50);
    }
  };
  const workers = options.crews.map(work);

  return {
    samples,
    inFlight: () => [...inFlight.values()],
    async pause() {
      if (!gate) {
        let open = () => {};
        const promise = new Promise<void>((resolve) => {
          open = resolve;
        });
        gate = { promise, open };
      }
      while (inFlight.size > 0) await sleep(10);
    },
    resume() {
      gate?.open();
      gate = undefined;
    },
    async stop() {
      stopped = true;
      gate?.open();
      await Promise.all(workers);
    },
  };
}
