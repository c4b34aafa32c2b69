// The table of endpoints the benchmark loads: how to build one request of each over REST (also what the baselines
// serve) and over tRPC (the raw HTTP that @trpc/client's httpLink sends; checked by wire-check.ts). `next` numbers
// the requests of one endpoint across every run, so write pools are consumed once and reads rotate over users.
import type { Fixtures } from './fixtures.ts';

export type EndpointName =
  | 'retrieve'
  | 'myGroups'
  | 'members'
  | 'token'
  | 'createJson'
  | 'createCover'
  | 'joinByCode'
  | 'joinLargeGroup'
  | 'quit'
  | 'kick';

export type Transport = 'rest' | 'trpc';

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface EndpointDefinition {
  name: EndpointName;
  label: string;
  kind: 'read' | 'write';
  /** The tRPC procedure, or undefined when the endpoint is REST-only (file uploads). */
  procedure?: string;
  /** How the procedure is declared: queries travel as GET, mutations as POST. */
  trpcType?: 'query' | 'mutation';
  /** Whether the two baselines serve it (reads only: they have no RongCloud mirroring to match for writes). */
  inBaselines: boolean;
  /** Expected HTTP status of a success over REST (over tRPC it is always 200). */
  status: number;
  /** Requests available before the endpoint's pool of fresh state runs out (unbounded when absent). */
  poolSize?(fixtures: Fixtures): number;
  rest(fixtures: Fixtures, next: number): HttpRequestSpec;
  /** The procedure's input for the same request; tRPC requests are built from it. */
  input?(fixtures: Fixtures, next: number): { input: unknown; token?: string };
}

const auth = (token: string) => ({ authorization: `Token ${token}` });
const json = { 'content-type': 'application/json' };
const pick = <T>(items: T[], next: number): T => items[next % items.length]!;
const readerToken = (f: Fixtures, next: number) => f.tokens[pick(f.readers, next)]!;
const creatorToken = (f: Fixtures, next: number) => f.tokens[pick(f.creators, next)]!;
/** 8-digit codes, unlike the seeded 6- and 7-digit ones, unique for 10 million creates. */
const freshCode = (next: number) => String(90_000_000 + (next % 10_000_000));
const BOUNDARY = '----groupchat-bench-boundary';

/** Pool entries are used once; the load worker wraps `next` at the pool size and reports when it had to. */
const pooled = <T>(items: T[], next: number): T => items[next % items.length]!;

export const ENDPOINTS: EndpointDefinition[] = [
  {
    name: 'retrieve',
    label: 'retrieve (anonymous)',
    kind: 'read',
    procedure: 'groups.retrieve',
    trpcType: 'query',
    inBaselines: true,
    status: 200,
    rest: (f, n) => ({ method: 'GET', path: `/api/im/retrieve/${pick(f.retrieveIds, n)}/`, headers: {} }),
    input: (f, n) => ({ input: { id: pick(f.retrieveIds, n) } }),
  },
  {
    name: 'token',
    label: 'RongCloud token',
    kind: 'read',
    procedure: 'accounts.getImToken',
    trpcType: 'query',
    inBaselines: true,
    status: 200,
    rest: (f, n) => ({ method: 'GET', path: '/api/im/token/', headers: auth(readerToken(f, n)) }),
    input: (f, n) => ({ input: {}, token: readerToken(f, n) }),
  },
  {
    name: 'myGroups',
    label: 'my groups',
    kind: 'read',
    procedure: 'groups.list',
    trpcType: 'query',
    inBaselines: true,
    status: 200,
    rest: (f, n) => ({ method: 'GET', path: '/api/im/group/', headers: auth(readerToken(f, n)) }),
    input: (f, n) => ({ input: {}, token: readerToken(f, n) }),
  },
  {
    name: 'members',
    label: 'members page (3,000-member group)',
    kind: 'read',
    procedure: 'groups.listMembers',
    trpcType: 'query',
    inBaselines: true,
    status: 200,
    rest: (f, n) => ({
      method: 'GET',
      path: `/api/im/group/${f.bigGroupId}/users/?page=${(n % f.bigGroupPages) + 1}`,
      headers: auth(readerToken(f, n)),
    }),
    input: (f, n) => ({
      input: { id: f.bigGroupId, page: (n % f.bigGroupPages) + 1 },
      token: readerToken(f, n),
    }),
  },
  {
    name: 'createJson',
    label: 'create (JSON, with a code)',
    kind: 'write',
    procedure: 'groups.create',
    trpcType: 'mutation',
    inBaselines: false,
    status: 201,
    rest: (f, n) => ({
      method: 'POST',
      path: '/api/im/group/',
      headers: { ...auth(creatorToken(f, n)), ...json },
      body: JSON.stringify({ name: `bench ${n}`, code: freshCode(n) }),
    }),
    input: (f, n) => ({ input: { name: `bench ${n}`, code: freshCode(n) }, token: creatorToken(f, n) }),
  },
  {
    name: 'createCover',
    label: 'create (multipart, small cover)',
    kind: 'write',
    inBaselines: false,
    status: 201,
    rest: (f, n) => ({
      method: 'POST',
      path: '/api/im/group/',
      headers: { ...auth(creatorToken(f, n)), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: multipartBody(`cover ${n}`, Buffer.from(f.coverPngBase64, 'base64')),
    }),
  },
  joinByCodeEndpoint('joinByCode', 'join by code, small group', (f) => f.joinPairs),
  joinByCodeEndpoint('joinLargeGroup', 'join by code, large group', (f) => f.largeJoinPairs),
  {
    name: 'quit',
    label: 'quit',
    kind: 'write',
    procedure: 'groups.quit',
    trpcType: 'mutation',
    inBaselines: false,
    status: 200,
    poolSize: (f) => f.quitPairs.length,
    rest: (f, n) => {
      const [userId, groupId] = pooled(f.quitPairs, n);
      return { method: 'GET', path: `/api/im/group/${groupId}/quit/`, headers: auth(f.tokens[userId]!) };
    },
    input: (f, n) => {
      const [userId, groupId] = pooled(f.quitPairs, n);
      return { input: { id: groupId }, token: f.tokens[userId]! };
    },
  },
  {
    name: 'kick',
    label: 'kick (by the owner)',
    kind: 'write',
    procedure: 'groups.kick',
    trpcType: 'mutation',
    inBaselines: false,
    status: 200,
    poolSize: (f) => f.kickTriples.length,
    rest: (f, n) => {
      const [ownerId, groupId, userId] = pooled(f.kickTriples, n);
      return {
        method: 'POST',
        path: `/api/im/group/${groupId}/kick/`,
        headers: { ...auth(f.tokens[ownerId]!), ...json },
        body: JSON.stringify({ userids: [userId] }),
      };
    },
    input: (f, n) => {
      const [ownerId, groupId, userId] = pooled(f.kickTriples, n);
      return { input: { id: groupId, userids: [userId] }, token: f.tokens[ownerId]! };
    },
  },
];

/** Queries travel as GET with `?input=<JSON>`, mutations as POST with the JSON input as the body (httpLink). */
export function trpcRequest(
  procedure: string,
  type: 'query' | 'mutation',
  input: unknown,
  token?: string,
): HttpRequestSpec {
  const headers: Record<string, string> = token ? auth(token) : {};
  if (type === 'query') {
    return {
      method: 'GET',
      path: `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
      headers,
    };
  }
  return {
    method: 'POST',
    path: `/trpc/${procedure}`,
    headers: { ...headers, ...json },
    body: JSON.stringify(input),
  };
}

export function buildRequest(
  endpoint: EndpointDefinition,
  transport: Transport,
  fixtures: Fixtures,
  next: number,
): HttpRequestSpec {
  if (transport === 'rest') return endpoint.rest(fixtures, next);
  if (!endpoint.procedure || !endpoint.trpcType || !endpoint.input) {
    throw new Error(`${endpoint.name} has no tRPC procedure`);
  }
  const { input, token } = endpoint.input(fixtures, next);
  return trpcRequest(endpoint.procedure, endpoint.trpcType, input, token);
}

function multipartBody(name: string, png: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\n${name}\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="cover"; filename="cover.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    png,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** A join by code, each request taking the next pair of a pool of (joiner, group, code). */
function joinByCodeEndpoint(
  name: EndpointName,
  label: string,
  pairs: (fixtures: Fixtures) => Fixtures['joinPairs'],
): EndpointDefinition {
  return {
    name,
    label,
    kind: 'write',
    procedure: 'groups.joinByCode',
    trpcType: 'mutation',
    inBaselines: false,
    status: 200,
    poolSize: (f) => pairs(f).length,
    rest: (f, n) => {
      const [userId, groupId, code] = pooled(pairs(f), n);
      return {
        method: 'POST',
        path: `/api/im/group/${groupId}/invite/`,
        headers: { ...auth(f.tokens[userId]!), ...json },
        body: JSON.stringify({ code }),
      };
    },
    input: (f, n) => {
      const [userId, groupId, code] = pooled(pairs(f), n);
      return { input: { id: groupId, code }, token: f.tokens[userId]! };
    },
  };
}
