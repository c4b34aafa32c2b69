// Property-based fuzzing (fast-check) of every documented operation, over REST and over tRPC: hostile bodies, query
// strings and path values, sent by the owner of a group so that authorization passes and validation is what is
// exercised. The answer is never a 5xx, a refusal is always the error envelope, and a refusal changes nothing.
import { ZErrorEnvelope } from '@groupchat/contracts';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import {
  encodePathSegment,
  type Hostile,
  hostileBody,
  hostileKey,
  hostileNumber,
  hostileShortString,
  plausibleValue,
  toFormPairs,
  toJsonText,
  toText,
  toWellFormed,
} from './hostile-values.ts';
import { documentedOperations, fillPath, type Operation, trpcPathOf } from './openapi-operations.ts';
import { useSecurityServer } from './security-server.ts';
import { stateFingerprint } from './state-fingerprint.ts';

const server = useSecurityServer({
  captureLogs: true,
  // Throttling would answer 429 before validation; it has its own tests (brute-force.test.ts).
  env: { LOGIN_MAX_FAILURES: '1000000', CODE_MAX_FAILURES: '1000000', MAX_UPLOAD_BYTES: String(64 * 1024) },
});

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
const arrayPrototypeKeys = Object.getOwnPropertyNames(Array.prototype);

const REST_RUNS = 40;
const TRPC_RUNS = 12;
const operations = documentedOperations();

let owner: Awaited<ReturnType<typeof registerUser>>;
let groupId: number;

beforeAll(async () => {
  owner = await registerUser(server.url, { name: 'owner' });
  const res = await fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'fuzzed group', code: '24682468' }),
  });
  groupId = (await res.json()).id;
  // Someone else's group, so that small path ids also land on groups the caller is not in.
  const stranger = await registerUser(server.url);
  await fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...stranger.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'not yours' }),
  });
});

const OWN_GROUP = Symbol('own group');
type PathValue = Hostile | typeof OWN_GROUP;

interface FuzzCase {
  path: PathValue;
  query: [string, string][];
  body: Hostile;
  encoding: 'json' | 'form' | 'multipart' | 'odd';
  oddType: string;
  file: { field: string; bytes: Uint8Array; name: string } | null;
  language: string;
}

/** Whether the server would read `value` as the group id `id` (the contract trims and accepts digit strings). */
function namesGroup(value: Hostile, id: number): boolean {
  if (typeof value === 'number') return value === id;
  return typeof value === 'string' && /^\s*\d+\s*$/.test(value) && Number(value.trim()) === id;
}

// Quitting or dismissing one's own group is the one valid input of those operations: a legitimate change, not one
// a hostile value caused. Every other operation may get the real id, so that its other inputs reach validation.
const mayNameOwnGroup = (operation: Operation) =>
  operation.bodyFields.length > 0 || operation.queryParams.length > 0;

function fuzzCase(operation: Operation): fc.Arbitrary<FuzzCase> {
  const hostilePath = fc
    .oneof(hostileShortString(), hostileNumber(), plausibleValue())
    .filter((value) => !namesGroup(value, groupId));
  const queryKey = fc.oneof(
    ...(operation.queryParams.length > 0 ? [fc.constantFrom(...operation.queryParams)] : []),
    fc.constantFrom('page[$gt]', 'page_size[]', '__proto__', 'constructor[prototype][polluted]'),
    hostileKey(),
  );
  return fc.record({
    path: mayNameOwnGroup(operation)
      ? fc.oneof(fc.constant<PathValue>(OWN_GROUP), hostilePath)
      : hostilePath.map((value): PathValue => value),
    query: fc.array(
      fc.tuple(
        queryKey,
        fc.oneof(hostileShortString(), hostileNumber().map(String), plausibleValue().map(String)),
      ),
      { maxLength: 4 },
    ),
    body: hostileBody(operation.bodyFields),
    encoding: fc.constantFrom('json', 'json', 'json', 'form', 'multipart', 'odd'),
    oddType: fc.constantFrom(
      'text/plain',
      'application/xml',
      'application/json; charset=latin1',
      'multipart/form-data',
      'application/x-www-form-urlencoded; charset=utf-16',
      'application/json; charset=utf-8; x=1',
    ),
    file: fc.option(
      fc.record({
        field: fc.constantFrom(operation.fileField ?? 'cover', 'avatar', 'file', '__proto__'),
        bytes: fc.uint8Array({ maxLength: 2048 }),
        name: hostileShortString(),
      }),
      { freq: 3 },
    ),
    language: fc.constantFrom('en', 'zh-CN', 'en;q=abc', '*', 'xx-YY, en;q=0.1', ''),
  });
}

function requestFor(operation: Operation, input: FuzzCase, authorization: string): [string, RequestInit] {
  const path = fillPath(operation.path, () =>
    input.path === OWN_GROUP ? String(groupId) : encodePathSegment(input.path),
  );
  const query = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = { authorization, 'accept-language': input.language };
  const init: RequestInit = { method: operation.method, headers };
  if (operation.method !== 'GET') {
    if (input.encoding === 'json' || input.encoding === 'odd') {
      headers['content-type'] = input.encoding === 'json' ? 'application/json' : input.oddType;
      init.body = toJsonText(input.body);
    } else if (input.encoding === 'form') {
      init.body = new URLSearchParams(toFormPairs(input.body));
    } else {
      const form = new FormData();
      for (const [key, value] of toFormPairs(input.body)) form.append(key, value);
      if (input.file) form.append(input.file.field, new Blob([input.file.bytes]), input.file.name);
      init.body = form;
    }
  }
  return [`${server.url}${path}${query ? `?${query}` : ''}`, init];
}

/** Checks one answer: no 5xx, the envelope on a refusal. Returns the status. */
async function expectHandled(res: Response, label: string, readEnvelope = (body: unknown) => body) {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const envelope = ZErrorEnvelope.safeParse(readEnvelope(JSON.parse(text)));
    expect(envelope.success, `${label} → ${text.slice(0, 300)}`).toBe(true);
  }
  return res.status;
}

/** A token only this request uses: logout revokes the token it is called with. */
async function freshToken(): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: owner.username, password: 'correct horse' }),
  });
  return (await res.json()).token;
}

const describeCase = (operation: Operation, input: FuzzCase) =>
  `${operation.method} ${operation.path} ${input.encoding} path=${input.path === OWN_GROUP ? 'own group' : toText(input.path).slice(0, 60)} body=${toJsonText(input.body).slice(0, 200)}`;

describe('REST: hostile input to every documented operation', () => {
  it('finds every operation in openapi.json', () => {
    expect(operations.length).toBeGreaterThanOrEqual(18);
  });

  for (const operation of operations) {
    it(`${operation.method} ${operation.path}`, async () => {
      const watched = { ownerId: owner.id, groupId };
      let before = await stateFingerprint(server.db, watched);
      await fc.assert(
        fc.asyncProperty(fuzzCase(operation), async (input) => {
          const token = operation.id === 'accounts-logout' ? await freshToken() : owner.token;
          const [url, init] = requestFor(operation, input, `Token ${token}`);
          const status = await expectHandled(await fetch(url, init), describeCase(operation, input));
          const after = await stateFingerprint(server.db, watched);
          if (status >= 400) expect(after, describeCase(operation, input)).toEqual(before);
          before = after;
        }),
        { numRuns: REST_RUNS },
      );
    });
  }
});

describe('tRPC: hostile input to every procedure', () => {
  for (const operation of operations.filter((documented) => !documented.aliasOf)) {
    const isQuery = operation.method === 'GET';
    it(trpcPathOf(operation), async () => {
      const watched = { ownerId: owner.id, groupId };
      let before = await stateFingerprint(server.db, watched);
      const fields = [...operation.pathParams, ...operation.queryParams, ...operation.bodyFields];
      const input = hostileBody(fields)
        // A query's input travels in the URL: keep it clear of Node's 16 KiB header limit.
        .filter((body) => !isQuery || toJsonText(body).length < 4_000)
        .filter((body) => mayNameOwnGroup(operation) || !idOf(body, groupId));
      await fc.assert(
        fc.asyncProperty(input, async (body) => {
          const token = operation.id === 'accounts-logout' ? await freshToken() : owner.token;
          const url = `${server.url}/trpc/${trpcPathOf(operation)}`;
          const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
          const res = isQuery
            ? await fetch(`${url}?input=${encodeURIComponent(toWellFormed(toJsonText(body)))}`, { headers })
            : await fetch(url, { method: 'POST', headers, body: toJsonText(body) });
          const label = `${trpcPathOf(operation)} ${toJsonText(body).slice(0, 200)}`;
          const status = await expectHandled(
            res,
            label,
            (parsed) => (parsed as { error?: { data?: { envelope?: unknown } } }).error?.data?.envelope,
          );
          const after = await stateFingerprint(server.db, watched);
          if (status >= 400) expect(after, label).toEqual(before);
          before = after;
        }),
        { numRuns: TRPC_RUNS },
      );
    });
  }
});

/** Whether a tRPC input's `id` (the last one, as JSON.parse keeps) names the group. */
function idOf(body: Hostile, id: number): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || body.kind !== 'object')
    return false;
  const last = body.entries.findLast(([key]) => key === 'id');
  return last !== undefined && namesGroup(last[1], id);
}

describe('after fuzzing', () => {
  it('logged no error: nothing failed unexpectedly, even behind a 4xx', () => {
    const errors = server
      .logText()
      .split('\n')
      .filter((line) => line.includes('"level":50'));
    expect(errors.map((line) => line.slice(0, 500))).toEqual([]);
  });

  it('polluted no prototype (the app runs in this process)', () => {
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeKeys);
    expect(Object.getOwnPropertyNames(Array.prototype)).toEqual(arrayPrototypeKeys);
  });
});
