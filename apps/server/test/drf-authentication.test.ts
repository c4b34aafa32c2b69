// Django REST Framework's TokenAuthentication as old clients knew it: credentials in another scheme (Basic,
// Digest, …) leave the request anonymous; a Token header without exactly one token is 401 with DRF's own words;
// an operation that needs a user answers anyone anonymous with 401 not_authenticated and WWW-Authenticate: Token.
import { describe, expect, it } from 'vitest';
import { rawRequest } from './security/raw-request.ts';
import { newPhone, registerUser, useTestServer } from './test-server.ts';

const server = useTestServer();

const OTHER_SCHEMES = [
  'Basic YWxpY2U6cGFzc3dvcmQ=',
  'Digest username="alice", realm="x", nonce="1", uri="/", response="2"',
  'Negotiate YIIC',
  'Tokenabc',
  'Bearer_abc',
];

let codes = 27_000;
async function ownGroup() {
  codes += 1;
  const owner = await registerUser(server.url);
  const res = await fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'drf auth', code: String(codes) }),
  });
  return { owner, group: (await res.json()) as { id: number; code: string } };
}

const trpc = (procedure: string, input: unknown, headers: Record<string, string>) =>
  fetch(`${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });

describe('another scheme on an operation open to anyone', () => {
  it('retrieve answers as for anyone: 200, code hidden, no role', async () => {
    const { group } = await ownGroup();
    for (const authorization of OTHER_SCHEMES) {
      const res = await fetch(`${server.url}/api/im/retrieve/${group.id}/`, { headers: { authorization } });
      expect(res.status, authorization).toBe(200);
      expect(await res.json(), authorization).toMatchObject({ id: group.id, code: '', role: null });
    }
  });

  it('register and log in go through', async () => {
    const username = newPhone();
    const register = await fetch(`${server.url}/api/auth/register/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: OTHER_SCHEMES[0]! },
      body: JSON.stringify({ username, password: 'correct horse' }),
    });
    expect(register.status).toBe(201);
    const login = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: OTHER_SCHEMES[1]! },
      body: JSON.stringify({ username, password: 'correct horse' }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toHaveProperty('token');
  });

  it('tRPC retrieve answers as for anyone too', async () => {
    const { group } = await ownGroup();
    const res = await trpc('groups.retrieve', { id: group.id }, { authorization: OTHER_SCHEMES[1]! });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: { data: { code: string; role: null } } };
    expect(result.data).toMatchObject({ code: '', role: null });
  });
});

describe('another scheme on an operation that needs a user', () => {
  it('is 401 not_authenticated with WWW-Authenticate: Token, over REST and tRPC', async () => {
    for (const authorization of OTHER_SCHEMES) {
      const res = await fetch(`${server.url}/api/users/me/`, {
        headers: { authorization, 'accept-language': 'en' },
      });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Token');
      expect(await res.json()).toEqual({
        detail: 'Authentication credentials were not provided.',
        code: 'not_authenticated',
      });
    }
    const rpc = await trpc('accounts.getMe', undefined, { authorization: OTHER_SCHEMES[0]! });
    expect(rpc.status).toBe(401);
    expect(rpc.headers.get('www-authenticate')).toBe('Token');
    const { error } = (await rpc.json()) as { error: { message: string; data: { envelope: unknown } } };
    expect(error.data.envelope).toEqual({ detail: '身份认证信息未提供。', code: 'not_authenticated' });
  });

  it('changes nothing: a group create in Basic is refused before it is made', async () => {
    const before = await server.db.groups.countDocuments();
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: { authorization: OTHER_SCHEMES[0]!, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'nobody' }),
    });
    expect(res.status).toBe(401);
    expect(await server.db.groups.countDocuments()).toBe(before);
  });
});

describe('a malformed Token header', () => {
  const CASES: [string, string, string][] = [
    ['Token', 'Invalid token header. No credentials provided.', '没有提供认证信息（认证令牌HTTP头无效）。'],
    ['bearer', 'Invalid token header. No credentials provided.', '没有提供认证信息（认证令牌HTTP头无效）。'],
    [
      'Token abc def',
      'Invalid token header. Token string should not contain spaces.',
      '认证令牌字符串不应该包含空格（无效的认证令牌HTTP头）。',
    ],
    [
      'TOKEN \tabc\t def',
      'Invalid token header. Token string should not contain spaces.',
      '认证令牌字符串不应该包含空格（无效的认证令牌HTTP头）。',
    ],
    ['Token nope', 'Invalid token.', '认证令牌无效。'],
    ['Token ' + 'a'.repeat(201), 'Invalid token.', '认证令牌无效。'],
  ];

  it('is 401 authentication_failed with DRF’s words, on the open retrieve and on a guarded operation', async () => {
    const { group } = await ownGroup();
    for (const [authorization, en, zh] of CASES) {
      for (const path of [`/api/im/retrieve/${group.id}/`, '/api/users/me/']) {
        const english = await fetch(`${server.url}${path}`, {
          headers: { authorization, 'accept-language': 'en' },
        });
        expect(english.status, `${authorization} ${path}`).toBe(401);
        expect(english.headers.get('www-authenticate')).toBe('Token');
        expect(await english.json()).toEqual({ detail: en, code: 'authentication_failed' });
        const chinese = await fetch(`${server.url}${path}`, { headers: { authorization } });
        expect(await chinese.json()).toEqual({ detail: zh, code: 'authentication_failed' });
      }
    }
  });

  it('bytes that are not UTF-8 in the token are "invalid characters" (DRF decodes them)', async () => {
    const { status, headers, text } = await rawRequest(`${server.url}/api/users/me/`, {
      headers: { authorization: 'Token abc\xff\xfe', 'accept-language': 'en' },
    });
    expect([status, headers['www-authenticate']]).toEqual([401, 'Token']);
    expect(JSON.parse(text)).toEqual({
      detail: 'Invalid token header. Token string should not contain invalid characters.',
      code: 'authentication_failed',
    });
  });

  it('tRPC answers the same words', async () => {
    const { group } = await ownGroup();
    const res = await trpc(
      'groups.retrieve',
      { id: group.id },
      { authorization: 'Token a b', 'accept-language': 'en' },
    );
    expect(res.status).toBe(401);
    const { error } = (await res.json()) as { error: { message: string; data: { envelope: unknown } } };
    expect(error.message).toBe('Invalid token header. Token string should not contain spaces.');
    expect(error.data.envelope).toEqual({
      detail: 'Invalid token header. Token string should not contain spaces.',
      code: 'authentication_failed',
    });
  });

  it('a valid token still works with odd spacing and case, and a burst of mixed headers gets only 200 and 401', async () => {
    const { owner, group } = await ownGroup();
    const token = owner.token;
    const member = await rawRequest(`${server.url}/api/im/retrieve/${group.id}/`, {
      headers: { authorization: `tOkEn \t ${token}  ` },
    });
    expect([member.status, JSON.parse(member.text).code]).toEqual([200, group.code]);
    const headers = ['Basic x', `Token ${token}`, 'Token', 'Digest a=b', `Bearer ${token} x`, ''];
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        fetch(`${server.url}/api/im/retrieve/${group.id}/`, { headers: { authorization: headers[i % 6]! } }),
      ),
    );
    expect(answers.map((res) => res.status)).toEqual(
      Array.from({ length: 24 }, (_, i) => ([2, 4].includes(i % 6) ? 401 : 200)),
    );
  });
});
