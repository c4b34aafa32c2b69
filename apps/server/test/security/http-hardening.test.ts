// OWASP API8 (security misconfiguration) and API4 (unrestricted resource consumption) at the HTTP layer: security
// headers everywhere, CORS only for configured origins, a pinned public origin, /metrics behind its token, errors
// without internals, and bounded bodies, headers, batches, pages, groups and members.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { rawRequest } from './raw-request.ts';
import { useSecurityServer } from './security-server.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const server = useSecurityServer({
  env: { METRICS_TOKEN, MAX_GROUPS_PER_USER: '2', MAX_MEMBERS_PER_GROUP: '2' },
});
const configured = useSecurityServer({
  env: {
    CORS_ORIGINS: 'https://app.example.com, https://admin.example.com',
    PUBLIC_BASE_URL: 'https://chat.example.com',
  },
});

const post = (
  path: string,
  body: string | Buffer | URLSearchParams | FormData,
  headers: Record<string, string> = {},
) => fetch(`${server.url}${path}`, { method: 'POST', headers, body });

const json = { 'content-type': 'application/json' };

async function expectEnvelope(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(JSON.parse(text)).toMatchObject({ code, detail: expect.any(String) });
}

describe('security headers', () => {
  it('are set on every kind of answer: API, errors, media, documentation', async () => {
    const user = await registerUser(server.url);
    const answers = [
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/api/users/me/`, { headers: user.auth }),
      await fetch(`${server.url}/api/users/me/`),
      await fetch(`${server.url}/api/im/retrieve/999999/`),
      await fetch(`${server.url}/no/such/page`),
      await fetch(`${server.url}/media/defaults/cover.png`),
      await fetch(`${server.url}/media/missing.png`),
      await fetch(`${server.url}/docs/`),
      await fetch(`${server.url}/trpc/accounts.getMe`, { headers: user.auth }),
    ];
    for (const res of answers) {
      const where = res.url;
      expect(res.headers.get('content-security-policy'), where).toContain("default-src 'self'");
      expect(res.headers.get('content-security-policy'), where).toContain("frame-ancestors 'self'");
      expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), where).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security'), where).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
      expect(res.headers.get('cross-origin-resource-policy'), where).toBe('same-origin');
      expect(res.headers.get('x-powered-by'), where).toBeNull();
      expect(res.headers.get('access-control-allow-origin'), where).toBeNull();
    }
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/api/im/group/`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('is off by default: no origin is allowed, not even for a preflight', async () => {
    const res = await preflight(server.url, 'https://app.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://app.example.com' } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins, without credentials, and no other', async () => {
    for (const origin of ['https://app.example.com', 'https://admin.example.com']) {
      const res = await preflight(configured.url, origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toContain('Origin');
    }
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null']) {
      const res = await preflight(configured.url, origin);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      const get = await fetch(`${configured.url}/healthz`, { headers: { origin } });
      expect(get.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});

describe('public origin', () => {
  // node:http: fetch will not send a Host header of the caller's choosing.
  const withHost = async (url: string, path: string, auth: Record<string, string>) =>
    JSON.parse(
      (
        await rawRequest(`${url}${path}`, {
          headers: {
            ...auth,
            host: 'evil.example',
            'x-forwarded-host': 'evil.example',
            'x-forwarded-proto': 'http',
          },
        })
      ).text,
    );

  it('when PUBLIC_BASE_URL is set, links ignore the Host and X-Forwarded-* a client sends', async () => {
    const user = await registerUser(configured.url);
    const me = await withHost(configured.url, '/api/users/me/', user.auth);
    expect(me.avatar).toBe('https://chat.example.com/media/defaults/avatar.png');
  });

  it('without it, links follow them (so production sets PUBLIC_BASE_URL)', async () => {
    const user = await registerUser(server.url);
    const me = await withHost(server.url, '/api/users/me/', user.auth);
    expect(me.avatar).toBe('http://evil.example/media/defaults/avatar.png');
  });
});

describe('/metrics', () => {
  it('answers only with METRICS_TOKEN as a bearer token', async () => {
    const wrong = [
      undefined,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}X`,
      `Token ${METRICS_TOKEN}`,
      METRICS_TOKEN,
      'Bearer ',
    ];
    for (const authorization of wrong) {
      const res = await fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : {});
      await expectEnvelope(res, 401, 'not_authenticated');
    }
    const res = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('http_request_duration_seconds');
  });
});

describe('errors', () => {
  it('an unexpected failure answers 500 with the bare envelope: no message, stack, path or library name', async () => {
    const user = await registerUser(server.url);
    const media = server.deps.media;
    const put = media.put;
    media.put = async () => {
      throw new Error('ENOSPC: no space left on device, open /srv/secret-volume/media/avatar/x.png');
    };
    try {
      const form = new FormData();
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
        'base64',
      );
      form.set('avatar', new Blob([new Uint8Array(png)]), 'a.png');
      const res = await fetch(`${server.url}/api/users/me/`, {
        method: 'PATCH',
        headers: user.auth,
        body: form,
      });
      const text = await res.text();
      expect(res.status).toBe(500);
      expect(JSON.parse(text)).toEqual({ detail: '服务器内部错误。', code: 'internal_error' });
    } finally {
      media.put = put;
    }
  });

  it('missing, hidden and malformed media paths answer 4xx in the envelope', async () => {
    await expectEnvelope(await fetch(`${server.url}/media/avatar/0123.png`), 404, 'not_found');
    await expectEnvelope(await fetch(`${server.url}/media/.secret`), 403, 'permission_denied');
    await expectEnvelope(await fetch(`${server.url}/media/..%2f..%2fpackage.json`), 403, 'permission_denied');
    const bad = await fetch(`${server.url}/media/%00`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('validation_error');
  });
});

describe('body limits', () => {
  it('refuses JSON and form bodies over 100 KiB (413)', async () => {
    const big = 'x'.repeat(150 * 1024);
    await expectEnvelope(
      await post('/api/auth/login/', JSON.stringify({ username: big }), json),
      413,
      'payload_too_large',
    );
    await expectEnvelope(
      await post('/api/auth/login/', new URLSearchParams({ username: big })),
      413,
      'payload_too_large',
    );
  });

  it('refuses a form with more than 1000 fields (413) and multipart beyond its field, part and file limits', async () => {
    const many = new URLSearchParams();
    for (let i = 0; i < 1_500; i++) many.set(`f${i}`, '1');
    await expectEnvelope(await post('/api/auth/login/', many), 413, 'payload_too_large');

    const fields = new FormData();
    for (let i = 0; i < 70; i++) fields.set(`f${i}`, '1');
    await expectEnvelope(await post('/api/auth/login/', fields), 400, 'validation_error');
    const longField = new FormData();
    longField.set('username', 'y'.repeat(150 * 1024));
    await expectEnvelope(await post('/api/auth/login/', longField), 400, 'validation_error');

    const user = await registerUser(server.url);
    const twoFiles = new FormData();
    twoFiles.set('name', 'two covers');
    twoFiles.append('cover', new Blob([new Uint8Array(10)]), 'a.png');
    twoFiles.append('cover', new Blob([new Uint8Array(10)]), 'b.png');
    await expectEnvelope(await post('/api/im/group/', twoFiles, user.auth), 400, 'validation_error');
  });

  it('refuses deeply nested JSON (400) instead of overflowing the stack', async () => {
    const deep = `{"username":${'['.repeat(40_000)}${']'.repeat(40_000)}}`;
    await expectEnvelope(await post('/api/auth/login/', deep, json), 400, 'parse_error');
  });

  it('bounds a compressed body by its inflated size (a gzip bomb is 413 at once) and refuses a corrupt one', async () => {
    const bomb = gzipSync(Buffer.from(`{"username":"${'0'.repeat(32 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = Date.now();
    const res = await post('/api/auth/login/', bomb, { ...json, 'content-encoding': 'gzip' });
    await expectEnvelope(res, 413, 'payload_too_large');
    expect(Date.now() - started).toBeLessThan(2_000);
    const corrupt = await post('/api/auth/login/', Buffer.from('not gzip at all'), {
      ...json,
      'content-encoding': 'gzip',
    });
    await expectEnvelope(corrupt, 400, 'validation_error');
    const unknown = await post('/api/auth/login/', '{}', { ...json, 'content-encoding': 'compress' });
    await expectEnvelope(unknown, 415, 'unsupported_media_type');
  });

  it('applies the same limits to tRPC: body size, and at most 10 calls per batch', async () => {
    const big = await fetch(`${server.url}/trpc/accounts.login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'x'.repeat(150 * 1024) }),
    });
    expect(big.status).toBe(413);
    const batch = (size: number) =>
      fetch(
        `${server.url}/trpc/${Array(size).fill('groups.retrieve').join(',')}?batch=1&input=${encodeURIComponent(
          JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { id: 1 }]))),
        )}`,
      );
    expect((await batch(11)).status).toBe(400);
    expect([200, 207, 404]).toContain((await batch(10)).status);
  });
});

describe('header limits', () => {
  it('refuses a 64 KiB header and a 20 KB URL (431), and goes on serving', async () => {
    const header = await fetch(`${server.url}/healthz`, { headers: { 'x-padding': 'p'.repeat(64 * 1024) } });
    expect(header.status).toBe(431);
    const url = await fetch(`${server.url}/api/im/group/?page=1&pad=${'q'.repeat(20_000)}`);
    expect(url.status).toBe(431);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('resource limits', () => {
  it('pages hold at most 100 items', async () => {
    const user = await registerUser(server.url);
    const at = (size: number) =>
      fetch(`${server.url}/api/im/group/?page_size=${size}`, { headers: user.auth });
    expect((await at(100)).status).toBe(200);
    // Above 100 is read as 100 (Django REST Framework's max_page_size), not refused.
    expect((await at(101)).status).toBe(200);
    expect((await at(1_000_000)).status).toBe(200);
  });

  it('a user is in at most MAX_GROUPS_PER_USER groups, a group has at most MAX_MEMBERS_PER_GROUP members', async () => {
    const [owner, second, third] = await Promise.all([
      registerUser(server.url),
      registerUser(server.url),
      registerUser(server.url),
    ]);
    const create = (name: string) =>
      post('/api/im/group/', JSON.stringify({ name }), { ...owner.auth, ...json });
    const { id } = await (await create('one')).json();
    expect((await create('two')).status).toBe(201);
    await expectEnvelope(await create('three'), 409, 'too_many_groups');

    const pull = (userid: number) =>
      post(`/api/im/group/${id}/join/`, JSON.stringify({ userid }), { ...owner.auth, ...json });
    expect((await pull(second.id)).status).toBe(200);
    await expectEnvelope(await pull(third.id), 409, 'group_full');
    expect(await server.db.memberships.countDocuments({ groupId: id })).toBe(2);
  });
});
