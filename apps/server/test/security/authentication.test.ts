// OWASP API2 (broken authentication): tokens are long random values stored only as their SHA-256, so they are found
// by hash and never compared as strings (no timing leak), and a stolen database holds no usable credential;
// passwords are stored salted and memory-hard; revoked tokens stop working everywhere; any malformed Authorization
// header is a 401, never a 5xx.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPhone, registerUser } from '../test-server.ts';
import { rawRequest } from './raw-request.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer();

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

const login = async (username: string, password = 'correct horse') => {
  const res = await fetch(`${server.url}/api/auth/login/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).token as string;
};

/** Every document of every collection, as JSON text. */
async function wholeDatabase(): Promise<string> {
  const database = server.db.connection.db!;
  const collections = await database.listCollections().toArray();
  const documents = await Promise.all(
    collections.map(({ name }) => database.collection(name).find().toArray()),
  );
  return JSON.stringify(documents);
}

describe('API tokens', () => {
  it('are 256 random bits, new at every login', async () => {
    const user = await registerUser(server.url);
    const tokens = [user.token, await login(user.username), await login(user.username)];
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('are stored only as their SHA-256 and looked up by it: no document holds a token or a password', async () => {
    const password = `pw-${newPhone()}`;
    const user = await registerUser(server.url, { password });
    const second = await login(user.username, password);
    const stored = await server.db.authTokens.find({ userId: user.id }).lean();
    expect(stored.map((record) => record._id).sort()).toEqual([sha256(user.token), sha256(second)].sort());
    const everything = await wholeDatabase();
    for (const secret of [user.token, second, password]) expect(everything).not.toContain(secret);
  });

  it('are useless when only their stored form leaks', async () => {
    const user = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/users/me/`, {
      headers: { authorization: `Token ${sha256(user.token)}` },
    });
    expect(res.status).toBe(401);
  });

  it('stop working on logout, over REST and tRPC and for uploads, while the others keep working', async () => {
    const user = await registerUser(server.url);
    const other = await login(user.username);
    expect(
      (await fetch(`${server.url}/api/auth/logout/`, { method: 'POST', headers: user.auth })).status,
    ).toBe(200);
    const form = new FormData();
    form.set('name', 'after logout');
    const attempts = [
      fetch(`${server.url}/api/users/me/`, { headers: user.auth }),
      fetch(`${server.url}/trpc/accounts.getMe`, { headers: user.auth }),
      fetch(`${server.url}/api/im/group/`, { method: 'POST', headers: user.auth, body: form }),
      fetch(`${server.url}/api/auth/logout/`, { method: 'POST', headers: user.auth }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status).toBe(401);
    expect(
      (await fetch(`${server.url}/api/users/me/`, { headers: { authorization: `Bearer ${other}` } })).status,
    ).toBe(200);
  });
});

describe('passwords', () => {
  it('are stored salted with scrypt: one password gives two different hashes', async () => {
    const first = await registerUser(server.url, { password: 'the same password' });
    const second = await registerUser(server.url, { password: 'the same password' });
    const hashes = await Promise.all(
      [first.id, second.id].map(async (id) => (await server.db.users.findById(id).lean())?.passwordHash),
    );
    for (const hash of hashes)
      expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]{20,}\$[A-Za-z0-9+/=]{40,}$/);
    expect(hashes[0]).not.toBe(hashes[1]);
  });

  it('are compared after Unicode normalisation, and only whole', async () => {
    const user = await registerUser(server.url, { password: 'ｆｕｌｌｗｉｄｔｈ pass' });
    expect(await login(user.username, 'fullwidth pass')).toMatch(/^[\w-]{43}$/);
    const prefix = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: 'fullwidth' }),
    });
    expect(prefix.status).toBe(400);
  });
});

describe('Authorization header', () => {
  // What an HTTP header can carry at all (RFC 9110 field-value: tab, visible ASCII, obs-text); anything else Node's
  // own parser refuses before the app sees it.
  const fieldText = (maxLength: number) =>
    fc.string({
      unit: fc.oneof(
        fc.constant('\t'),
        fc
          .integer({ min: 0x20, max: 0xff })
          .filter((code) => code !== 0x7f)
          .map((code) => String.fromCharCode(code)),
      ),
      maxLength,
    });
  const headerValue = fc.oneof(
    fieldText(300),
    fc
      .tuple(
        fc.constantFrom('Token', 'Bearer', 'token', 'BEARER', 'Basic', 'Digest', ''),
        fc.constantFrom(' ', '  ', '\t', ''),
        fc.oneof(
          fieldText(260),
          fc.constantFrom(
            '{"$ne":null}',
            'null',
            'undefined',
            '[]',
            '*',
            '%00',
            'a'.repeat(201),
            'x'.repeat(8_000),
          ),
        ),
      )
      .map(([scheme, space, token]) => `${scheme}${space}${token}`),
  );

  it('in our schemes is 401 unless valid, in another is anonymous (401 only where a user is needed)', async () => {
    const owner = await registerUser(server.url);
    await fc.assert(
      fc.asyncProperty(
        headerValue,
        fc.constantFrom('/api/users/me/', '/api/im/retrieve/1/'),
        async (value, path) => {
          // node:http, as fetch refuses to send some values a raw client can (trailing blanks, obs-text).
          const { status, text } = await rawRequest(`${server.url}${path}`, {
            headers: { authorization: value },
          });
          const body = JSON.parse(text);
          // No header, or credentials in someone else's scheme (DRF: the first word, split on ASCII white space,
          // is not ours), is no credentials: the open operation then answers as for anyone.
          const scheme = value
            .split(/[ \t]+/)
            .find((word) => word !== '')
            ?.toLowerCase();
          const ours = scheme === 'token' || scheme === 'bearer';
          if (!ours && path !== '/api/users/me/') expect([200, 404], JSON.stringify(value)).toContain(status);
          else expect(status, JSON.stringify(value)).toBe(401);
          expect(['not_authenticated', 'authentication_failed', 'not_found']).toContain(body.code);
        },
      ),
      { numRuns: 60 },
    );
    expect((await fetch(`${server.url}/api/users/me/`, { headers: owner.auth })).status).toBe(200);
  });
});
