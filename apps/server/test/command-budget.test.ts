// How many database commands each request sends on its success path, over REST and tRPC alike: every extra round
// trip is latency on MongoDB and CPU here. A budget that grows fails here with the list of commands sent.
import { commandsSentBy } from '@groupchat/db/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ DB_COMMAND_METRICS: 'true' });

type User = Awaited<ReturnType<typeof registerUser>>;
type Transport = 'REST' | 'tRPC';

interface Operation {
  rest: [method: string, path: string];
  trpc: string;
  input?: Record<string, unknown>;
}

async function send(transport: Transport, user: User | undefined, operation: Operation) {
  const headers = { ...(user?.auth ?? {}), 'content-type': 'application/json' };
  const body = operation.input ? JSON.stringify(operation.input) : undefined;
  if (transport === 'REST') {
    const [method, path] = operation.rest;
    return fetch(`${server.url}${path}`, { method, headers, body: method === 'GET' ? undefined : body });
  }
  const query = operation.trpc.startsWith('GET ');
  const name = operation.trpc.replace(/^(GET|POST) /, '');
  if (query) {
    const input = `?input=${encodeURIComponent(body ?? '{}')}`;
    return fetch(`${server.url}/trpc/${name}${input}`, { headers });
  }
  return fetch(`${server.url}/trpc/${name}`, { method: 'POST', headers, body: body ?? '{}' });
}

/** The commands one request sends, after checking it succeeded. */
async function commandsOf(transport: Transport, user: User | undefined, operation: Operation) {
  const { result: res, commands } = await commandsSentBy(server.db, () => send(transport, user, operation));
  expect([200, 201], `${transport} ${operation.trpc}: ${await res.clone().text()}`).toContain(res.status);
  await res.arrayBuffer();
  return commands;
}

let codeCounter = 0;
const freshCode = () => String(40_000_000 + process.pid * 100 + ++codeCounter).slice(-8);

async function groupOf(owner: User, code?: string) {
  const res = await send('REST', owner, {
    rest: ['POST', '/api/im/group/'],
    trpc: 'POST groups.create',
    input: { name: 'budget', ...(code ? { code } : {}) },
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number };
}

const pullIn = (groupId: number, by: User, member: User) =>
  send('REST', by, {
    rest: ['POST', `/api/im/group/${groupId}/join/`],
    trpc: 'POST groups.addMember',
    input: { userid: member.id },
  });

beforeAll(async () => {
  await server.pauseReconciler();
});

// Each write's budget on its success path, the same for both transports (docs/performance.md). Two of each are the
// RongCloud sync state: the claim, which also reads the group and marks the change, and the release, which also
// confirms it and pulls the notice sent; one is the names the in-chat notice shows.
const WRITE_BUDGETS = { create: 11, joinByCode: 8, addMember: 10, quit: 7, kick: 7 };
const READ_BUDGETS = { retrieve: 1, myGroups: 4, token: 2, members: 6, membersPage2: 5 };

describe.each(['REST', 'tRPC'] as const)('command budget over %s', (transport) => {
  it('create, join by code, pull in, quit, kick', async () => {
    const [owner, joiner, pulled] = await Promise.all([
      registerUser(server.url),
      registerUser(server.url),
      registerUser(server.url),
    ]);
    const code = freshCode();
    const sent: Record<string, string[]> = {};
    sent.create = await commandsOf(transport, owner, {
      rest: ['POST', '/api/im/group/'],
      trpc: 'POST groups.create',
      input: { name: 'budget', code },
    });
    const group = await server.db.groups.findOne({ code, status: 'live' }).lean();
    expect(group?.ownerId).toBe(owner.id);
    const id = group!._id;
    sent.joinByCode = await commandsOf(transport, joiner, {
      rest: ['POST', `/api/im/group/${id}/invite/`],
      trpc: 'POST groups.joinByCode',
      input: { id, code },
    });
    sent.addMember = await commandsOf(transport, joiner, {
      rest: ['POST', `/api/im/group/${id}/join/`],
      trpc: 'POST groups.addMember',
      input: { id, userid: pulled.id },
    });
    sent.quit = await commandsOf(transport, joiner, {
      rest: ['POST', `/api/im/group/${id}/quit/`],
      trpc: 'POST groups.quit',
      input: { id },
    });
    sent.kick = await commandsOf(transport, owner, {
      rest: ['POST', `/api/im/group/${id}/kick/`],
      trpc: 'POST groups.kick',
      input: { id, userids: [pulled.id] },
    });
    expect((await server.db.memberships.find({ groupId: id }).lean()).map((m) => m.userId)).toEqual([
      owner.id,
    ]);
    const overBudget = Object.entries(sent)
      .filter(([name, commands]) => commands.length > WRITE_BUDGETS[name as keyof typeof WRITE_BUDGETS])
      .map(([name, commands]) => `${name} (${commands.length}): ${commands.join(', ')}`);
    expect(overBudget).toEqual([]);
  });

  it('retrieve, my groups, token, members page', async () => {
    const owner = await registerUser(server.url);
    const { id } = await groupOf(owner);
    const others = await Promise.all([registerUser(server.url), registerUser(server.url)]);
    for (const member of others) expect((await pullIn(id, owner, member)).status).toBe(200);
    const sent: Record<string, string[]> = {};
    sent.retrieve = await commandsOf(transport, undefined, {
      rest: ['GET', `/api/im/retrieve/${id}/`],
      trpc: 'GET groups.retrieve',
      input: { id },
    });
    sent.myGroups = await commandsOf(transport, owner, {
      rest: ['GET', '/api/im/group/'],
      trpc: 'GET groups.list',
    });
    const token = { rest: ['GET', '/api/im/token/'], trpc: 'GET accounts.getImToken' } satisfies Operation;
    // The first asks RongCloud and caches the token; the common case is the cached one.
    await commandsOf(transport, owner, token);
    sent.token = await commandsOf(transport, owner, token);
    sent.members = await commandsOf(transport, owner, {
      rest: ['GET', `/api/im/group/${id}/users/`],
      trpc: 'GET groups.listMembers',
      input: { id },
    });
    sent.membersPage2 = await commandsOf(transport, owner, {
      rest: ['GET', `/api/im/group/${id}/users/?page=2&page_size=1`],
      trpc: 'GET groups.listMembers',
      input: { id, page: 2, page_size: 1 },
    });
    for (const [name, commands] of Object.entries(sent))
      expect(commands.length, `${name}: ${commands.join(', ')}`).toBeLessThanOrEqual(
        READ_BUDGETS[name as keyof typeof READ_BUDGETS],
      );
  });
});

describe('a join into a large group', () => {
  it('sends the same commands as a join into a small one', async () => {
    const [owner, small, large] = await Promise.all([
      registerUser(server.url),
      registerUser(server.url),
      registerUser(server.url),
    ]);
    const smallCode = freshCode();
    const largeCode = freshCode();
    const { id: smallId } = await groupOf(owner, smallCode);
    const { id: largeId } = await groupOf(owner, largeCode);
    // 1,500 members as the service seats them: dense seats after the owner's, the count to match.
    const seated = Array.from({ length: 1_500 }, (_, index) => ({
      _id: `${largeId}:${9_000_000 + index}`,
      groupId: largeId,
      userId: 9_000_000 + index,
      slot: index + 1,
      userSlot: 0,
      joinedAt: new Date(),
      activityAt: new Date(),
    }));
    await server.db.memberships.insertMany(seated);
    await server.db.groups.updateOne({ _id: largeId }, { $inc: { memberCount: seated.length } });
    const join = (id: number, code: string) => ({
      rest: ['POST', `/api/im/group/${id}/invite/`] as [string, string],
      trpc: 'POST groups.joinByCode',
      input: { id, code },
    });
    const intoSmall = await commandsOf('REST', small, join(smallId, smallCode));
    const intoLarge = await commandsOf('REST', large, join(largeId, largeCode));
    expect(intoLarge).toEqual(intoSmall);
    // Nothing counts the group's members: a count is an aggregate over every one of them.
    expect(intoLarge.filter((command) => command.startsWith('aggregate'))).toEqual([]);
    expect((await server.db.groups.findById(largeId).lean())?.memberCount).toBe(1_502);
  });
});
