// Accounts over real HTTP: register, login (throttled), logout, the caller's profile.
import { describe, expect, it } from 'vitest';
import { newPhone, registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ LOGIN_MAX_FAILURES: '3', LOGIN_THROTTLE_WINDOW_SECONDS: '60' });

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('POST /api/auth/register/', () => {
  it('creates the user and returns it with a token (201)', async () => {
    const username = newPhone();
    const res = await post('/api/auth/register/', {
      username,
      password: 'long enough',
      name: '张三',
      nick: 'zs',
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ username, name: '张三', nick: 'zs', level: '' });
    expect(body.avatar).toBe(`${server.url}/media/defaults/avatar.png`);
    expect(body.token).toMatch(/^[\w-]{40,}$/);
    const stored = await server.db.users.findOne({ username }).lean();
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(stored?.passwordHash).not.toContain('long enough');
    expect(await server.db.authTokens.countDocuments({ userId: body.id })).toBe(1);
    expect(await server.db.authTokens.exists({ _id: body.token })).toBeNull();
  });

  it('accepts form-urlencoded and multipart bodies', async () => {
    const form = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      body: new URLSearchParams({ username: newPhone(), password: 'long enough' }),
    });
    expect(form.status).toBe(201);
    const multipart = new FormData();
    multipart.set('username', newPhone());
    multipart.set('password', 'long enough');
    const res = await fetch(`${server.url}/api/auth/register/`, { method: 'POST', body: multipart });
    expect(res.status).toBe(201);
  });

  it('refuses a taken phone number with a field error and writes nothing', async () => {
    const username = newPhone();
    expect((await post('/api/auth/register/', { username, password: 'long enough' })).status).toBe(201);
    const res = await post('/api/auth/register/', { username, password: 'another one' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: '输入数据有误。',
      code: 'validation_error',
      fields: { username: ['该手机号已注册。'] },
    });
    expect(await server.db.users.countDocuments({ username })).toBe(1);
  });

  it('gives exactly one account to concurrent registrations of one number', async () => {
    const username = newPhone();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => post('/api/auth/register/', { username, password: 'long enough' })),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 400, 400, 400, 400]);
    expect(await server.db.users.countDocuments({ username })).toBe(1);
  });

  it('validates every field, in English on request', async () => {
    const res = await post(
      '/api/auth/register/',
      { username: '12345', password: 'short' },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('validation_error');
    expect(body.detail).toBe('Invalid input.');
    expect(body.fields.username[0]).toContain('mainland mobile number');
    expect(Object.keys(body.fields).sort()).toEqual(['password', 'username']);
  });
});

describe('POST /api/auth/login/', () => {
  it('returns a new working token for the right password', async () => {
    const user = await registerUser(server.url);
    const res = await post('/api/auth/login/', { username: user.username, password: 'correct horse' });
    expect(res.status).toBe(200);
    const { token } = await res.json();
    expect(token).not.toBe(user.token);
    const me = await fetch(`${server.url}/api/users/me/`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const user = await registerUser(server.url);
    const wrong = await post('/api/auth/login/', { username: user.username, password: 'wrong password' });
    const unknown = await post('/api/auth/login/', { username: newPhone(), password: 'wrong password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ detail: '用户名或密码错误。', code: 'invalid_credentials' });
    expect(unknown.status).toBe(400);
  });

  it('refuses MongoDB operators as credentials', async () => {
    const user = await registerUser(server.url);
    const res = await post('/api/auth/login/', { username: user.username, password: { $ne: 'x' } });
    expect(res.status).toBe(400);
    expect((await res.json()).fields.password).toBeDefined();
    const byName = await post('/api/auth/login/', { username: { $gt: '' }, password: 'correct horse' });
    expect(byName.status).toBe(400);
    expect((await byName.json()).code).toBe('validation_error');
  });

  it('throttles repeated failures with 429 and Retry-After, even for the right password', async () => {
    const user = await registerUser(server.url);
    for (let i = 0; i < 3; i++) {
      expect(
        (await post('/api/auth/login/', { username: user.username, password: 'wrong password' })).status,
      ).toBe(400);
    }
    const res = await post('/api/auth/login/', { username: user.username, password: 'correct horse' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await res.json()).code).toBe('throttled');
  });
});

describe('POST /api/auth/logout/', () => {
  it('revokes the token in use and only that one', async () => {
    const user = await registerUser(server.url);
    const login = await post('/api/auth/login/', { username: user.username, password: 'correct horse' });
    const { token: second } = await login.json();
    const res = await fetch(`${server.url}/api/auth/logout/`, { method: 'POST', headers: user.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ detail: '操作成功' });
    const revoked = await fetch(`${server.url}/api/users/me/`, { headers: user.auth });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).code).toBe('authentication_failed');
    const other = await fetch(`${server.url}/api/users/me/`, {
      headers: { authorization: `Token ${second}` },
    });
    expect(other.status).toBe(200);
  });
});

describe('/api/users/me/', () => {
  it('requires credentials', async () => {
    const res = await fetch(`${server.url}/api/users/me/`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: '身份认证信息未提供。', code: 'not_authenticated' });
    const garbage = await fetch(`${server.url}/api/users/me/`, { headers: { authorization: 'Token nope' } });
    expect(garbage.status).toBe(401);
    const scheme = await fetch(`${server.url}/api/users/me/`, { headers: { authorization: 'Basic abc' } });
    expect(scheme.status).toBe(401);
  });

  it('changes name and nick but never level', async () => {
    const user = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: ' 李四 ', nick: 'ls', level: 'A', username: '13000000000' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: user.id,
      name: '李四',
      nick: 'ls',
      level: '',
      username: user.username,
    });
    const stored = await server.db.users.findById(user.id).lean();
    expect(stored).toMatchObject({ name: '李四', nick: 'ls', level: '', username: user.username });
  });
});
