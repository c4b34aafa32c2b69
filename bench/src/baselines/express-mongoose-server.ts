// Baseline (a): bare Express and the same mongoose models with .lean(), doing the service's queries for the read
// endpoints, without helmet, request logging, zod, tRPC or trpc-to-openapi. Usage: <port> <mongodb uri>.
import {
  commandLabel,
  connectDatabase,
  type Database,
  membershipId,
  onCommand,
  type UserDoc,
} from '@groupchat/db';
import express, { type Request, type Response } from 'express';
import { buildPage, ERRORS, hashToken, PAGE_SIZE, pageOf, toGroup, tokenOf, toUser } from './shape.ts';

const [port, uri] = process.argv.slice(2);
if (!port || !uri) throw new Error('usage: express-mongoose-server <port> <mongodb uri>');
// Commands counted as the service counts them (DB_COMMAND_METRICS), so both pay the driver's monitoring alike.
const db = await connectDatabase(uri, { monitorCommands: true });
const commands: Record<string, number> = {};
onCommand(db.connection, (command) => {
  const label = commandLabel(command);
  commands[label] = (commands[label] ?? 0) + 1;
});
const app = express();
app.disable('x-powered-by');

class HttpError extends Error {
  constructor(readonly reply: { status: number; body: object }) {
    super(reply.body.toString());
  }
}

// As the service: the token alone names the caller; only the token endpoint loads the user.
async function authenticate(db: Database, req: Request): Promise<{ _id: number }> {
  const header = req.headers.authorization;
  if (!header) throw new HttpError(ERRORS.notAuthenticated);
  const token = tokenOf(header);
  const record = token ? await db.authTokens.findById(hashToken(token), { userId: 1 }).lean() : null;
  if (!record) throw new HttpError(ERRORS.authenticationFailed);
  return { _id: record.userId };
}

async function loadUser(db: Database, req: Request): Promise<UserDoc> {
  const user = await db.users.findById((await authenticate(db, req))._id).lean();
  if (!user) throw new HttpError(ERRORS.authenticationFailed);
  return user;
}

const base = (req: Request) => `http://${req.headers.host}`;

function handle(work: (req: Request) => Promise<object>) {
  return (req: Request, res: Response) => {
    work(req).then(
      (body) => res.json(body),
      (error: unknown) => {
        const reply = error instanceof HttpError ? error.reply : ERRORS.unavailable;
        res.status(reply.status).json(reply.body);
      },
    );
  };
}

// As the service: the group by _id alone, then its status; membership by the "group:user" _id.
async function findLiveGroup(id: number) {
  const found = Number.isSafeInteger(id) ? await db.groups.findById(id).lean() : null;
  const group = found?.status === 'live' ? found : null;
  if (!group) throw new HttpError(ERRORS.notFound);
  return group;
}

const isMember = async (groupId: number, userId: number) =>
  (await db.memberships.exists({ _id: membershipId(groupId, userId) })) !== null;

app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});

app.get('/_bench/commands', (_req, res) => {
  res.json(commands);
});

app.get(
  '/api/im/retrieve/:id',
  handle(async (req) => {
    const group = await findLiveGroup(Number(req.params.id));
    const user = req.headers.authorization ? await authenticate(db, req) : undefined;
    const member = user ? await isMember(group._id, user._id) : false;
    return toGroup(group, member, base(req));
  }),
);

app.get(
  '/api/im/group',
  handle(async (req) => {
    const user = await authenticate(db, req);
    const page = pageOf(req.query.page);
    if (!page) throw new HttpError(ERRORS.notFound);
    const [count, memberships] = await Promise.all([
      db.memberships.countDocuments({ userId: user._id }),
      db.memberships
        .find({ userId: user._id }, { groupId: 1 })
        .sort({ activityAt: -1, _id: -1 })
        .skip((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .lean(),
    ]);
    const ids = memberships.map((membership) => membership.groupId);
    const groups = await db.groups.find({ _id: { $in: ids }, status: 'live' }).lean();
    const byId = new Map(groups.map((group) => [group._id, group]));
    const results = ids.flatMap((id) => {
      const group = byId.get(id);
      return group ? [toGroup(group, true, base(req))] : [];
    });
    const body = buildPage(page, count, results, `${base(req)}/api/im/group/`);
    if (!body) throw new HttpError(ERRORS.notFound);
    return body;
  }),
);

app.get(
  '/api/im/group/:id/users',
  handle(async (req) => {
    const user = await authenticate(db, req);
    const page = pageOf(req.query.page);
    if (!page) throw new HttpError(ERRORS.notFound);
    const group = await findLiveGroup(Number(req.params.id));
    if (!(await isMember(group._id, user._id))) throw new HttpError(ERRORS.permissionDenied);
    const skip = (page - 1) * PAGE_SIZE;
    const [count, ownerIsMember] = await Promise.all([
      db.memberships.countDocuments({ groupId: group._id }),
      isMember(group._id, group.ownerId),
    ]);
    const ownerOnPage = ownerIsMember && skip === 0;
    const rest = await db.memberships
      .find({ groupId: group._id, userId: { $ne: group.ownerId } }, { userId: 1 })
      .sort({ joinedAt: 1, _id: 1 })
      .skip(ownerIsMember ? Math.max(0, skip - 1) : skip)
      .limit(ownerOnPage ? PAGE_SIZE - 1 : PAGE_SIZE)
      .lean();
    const ids = [...(ownerOnPage ? [group.ownerId] : []), ...rest.map((membership) => membership.userId)];
    const users = await db.users.find({ _id: { $in: ids } }).lean();
    const byId = new Map(users.map((member) => [member._id, member]));
    const results = ids.flatMap((id) => {
      const member = byId.get(id);
      return member ? [toUser(member, base(req))] : [];
    });
    const body = buildPage(page, count, results, `${base(req)}/api/im/group/${group._id}/users/`);
    if (!body) throw new HttpError(ERRORS.notFound);
    return body;
  }),
);

app.get(
  '/api/im/token',
  handle(async (req) => {
    const user = await loadUser(db, req);
    if (!user.imToken) throw new HttpError(ERRORS.unavailable);
    return { key: user.imToken.value };
  }),
);

app.listen(Number(port), '127.0.0.1');
