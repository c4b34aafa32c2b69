// Baseline (b): node:http and the MongoDB driver, no framework and no ODM, doing the service's queries for the read
// endpoints. The floor any Node service on this database can reach. Usage: <port> <mongodb uri>.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { MongoClient } from 'mongodb';
import type { GroupLike, UserLike } from './shape.ts';
import { buildPage, ERRORS, hashToken, PAGE_SIZE, pageOf, toGroup, tokenOf, toUser } from './shape.ts';

interface GroupDoc extends GroupLike {
  ownerId: number;
  status: string;
}
interface UserDoc extends UserLike {
  imToken: { value: string } | null;
}
interface MembershipDoc {
  _id: string;
  groupId: number;
  userId: number;
}

const [port, uri] = process.argv.slice(2);
if (!port || !uri) throw new Error('usage: node-http-driver-server <port> <mongodb uri>');
// Commands counted as the service counts them (DB_COMMAND_METRICS), so both pay the driver's monitoring alike.
const client = await new MongoClient(uri, { monitorCommands: true }).connect();
const commands: Record<string, number> = {};
client.on('commandStarted', (event) => {
  const collection = (event.command as Record<string, unknown>)[event.commandName];
  const label = typeof collection === 'string' ? `${event.commandName} ${collection}` : event.commandName;
  if (!['hello', 'ismaster', 'isMaster', 'ping', 'endSessions'].includes(event.commandName))
    commands[label] = (commands[label] ?? 0) + 1;
});
const db = client.db();
const users = db.collection<UserDoc>('users');
const groups = db.collection<GroupDoc>('groups');
const memberships = db.collection<MembershipDoc>('memberships');
const authTokens = db.collection<{ _id: string; userId: number }>('auth_tokens');

type Reply = { status: number; body: object };
class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(reply.body.toString());
  }
}

// As the service: the token alone names the caller; only the token endpoint loads the user.
async function authenticate(req: IncomingMessage): Promise<{ _id: number }> {
  const header = req.headers.authorization;
  if (!header) throw new HttpError(ERRORS.notAuthenticated);
  const token = tokenOf(header);
  const record = token
    ? await authTokens.findOne({ _id: hashToken(token) }, { projection: { userId: 1 } })
    : null;
  if (!record) throw new HttpError(ERRORS.authenticationFailed);
  return { _id: record.userId };
}

async function findLiveGroup(id: number): Promise<GroupDoc> {
  const found = Number.isSafeInteger(id) ? await groups.findOne({ _id: id }) : null;
  const group = found?.status === 'live' ? found : null;
  if (!group) throw new HttpError(ERRORS.notFound);
  return group;
}

const isMember = async (groupId: number, userId: number) =>
  (await memberships.findOne({ _id: `${groupId}:${userId}` }, { projection: { _id: 1 } })) !== null;

async function retrieve(req: IncomingMessage, base: string, id: number) {
  const group = await findLiveGroup(id);
  const user = req.headers.authorization ? await authenticate(req) : undefined;
  return toGroup(group, user ? await isMember(group._id, user._id) : false, base);
}

async function myGroups(req: IncomingMessage, base: string, page: number) {
  const user = await authenticate(req);
  const [count, rows] = await Promise.all([
    memberships.countDocuments({ userId: user._id }),
    memberships
      .find({ userId: user._id }, { projection: { groupId: 1 } })
      .sort({ activityAt: -1, _id: -1 })
      .skip((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE)
      .toArray(),
  ]);
  const ids = rows.map((row) => row.groupId);
  const found = await groups.find({ _id: { $in: ids }, status: 'live' }).toArray();
  const byId = new Map(found.map((group) => [group._id, group]));
  const results = ids.flatMap((id) => {
    const group = byId.get(id);
    return group ? [toGroup(group, true, base)] : [];
  });
  return buildPage(page, count, results, `${base}/api/im/group/`);
}

async function members(req: IncomingMessage, base: string, id: number, page: number) {
  const user = await authenticate(req);
  const group = await findLiveGroup(id);
  if (!(await isMember(group._id, user._id))) throw new HttpError(ERRORS.permissionDenied);
  const skip = (page - 1) * PAGE_SIZE;
  const [count, ownerIsMember] = await Promise.all([
    memberships.countDocuments({ groupId: group._id }),
    isMember(group._id, group.ownerId),
  ]);
  const ownerOnPage = ownerIsMember && skip === 0;
  const rows = await memberships
    .find({ groupId: group._id, userId: { $ne: group.ownerId } }, { projection: { userId: 1 } })
    .sort({ joinedAt: 1, _id: 1 })
    .skip(ownerIsMember ? Math.max(0, skip - 1) : skip)
    .limit(ownerOnPage ? PAGE_SIZE - 1 : PAGE_SIZE)
    .toArray();
  const ids = [...(ownerOnPage ? [group.ownerId] : []), ...rows.map((row) => row.userId)];
  const found = await users.find({ _id: { $in: ids } }).toArray();
  const byId = new Map(found.map((member) => [member._id, member]));
  const results = ids.flatMap((memberId) => {
    const member = byId.get(memberId);
    return member ? [toUser(member, base)] : [];
  });
  return buildPage(page, count, results, `${base}/api/im/group/${group._id}/users/`);
}

async function token(req: IncomingMessage) {
  const user = await users.findOne({ _id: (await authenticate(req))._id });
  if (!user) throw new HttpError(ERRORS.authenticationFailed);
  if (!user.imToken) throw new HttpError(ERRORS.unavailable);
  return { key: user.imToken.value };
}

async function route(req: IncomingMessage): Promise<object | undefined> {
  const url = new URL(req.url ?? '/', 'http://baseline.invalid');
  const base = `http://${req.headers.host}`;
  const path = url.pathname.replace(/\/$/, '');
  if (req.method !== 'GET') return undefined;
  if (path === '/healthz') return { status: 'ok' };
  if (path === '/_bench/commands') return commands;
  const page = () => {
    const value = pageOf(url.searchParams.get('page') ?? undefined);
    if (!value) throw new HttpError(ERRORS.notFound);
    return value;
  };
  let match = /^\/api\/im\/retrieve\/(\d+)$/.exec(path);
  if (match) return retrieve(req, base, Number(match[1]));
  if (path === '/api/im/group') return myGroups(req, base, page());
  match = /^\/api\/im\/group\/(\d+)\/users$/.exec(path);
  if (match) return members(req, base, Number(match[1]), page());
  if (path === '/api/im/token') return token(req);
  return undefined;
}

function send(res: ServerResponse, reply: Reply) {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

createServer((req, res) => {
  route(req).then(
    (body) => send(res, body ? { status: 200, body } : ERRORS.notFound),
    (error: unknown) => send(res, error instanceof HttpError ? error.reply : ERRORS.unavailable),
  );
}).listen(Number(port), '127.0.0.1');
