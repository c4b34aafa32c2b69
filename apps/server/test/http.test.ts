// The HTTP layer's own rules: envelopes for every failure, content types, slashes, health, documentation.
import { readFileSync } from 'node:fs';
import { createOpenApiDocument } from '@groupchat/api';
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH, VERSION } from '../src/settings.ts';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer();

describe('error envelope', () => {
  it('answers unknown paths with 404 in the envelope, in Chinese or English', async () => {
    const zh = await fetch(`${server.url}/api/nothing/here/`);
    expect(zh.status).toBe(404);
    expect(await zh.json()).toEqual({ detail: '未找到。', code: 'not_found' });
    const en = await fetch(`${server.url}/elsewhere`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await en.json()).toEqual({ detail: 'Not found.', code: 'not_found' });
  });

  it('answers malformed JSON with 400 parse_error', async () => {
    const res = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username": ',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ detail: '请求体无法解析。', code: 'parse_error' });
  });

  it('answers an unsupported body type with 415', async () => {
    const res = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'username=1&password=2',
    });
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('unsupported_media_type');
  });

  it('answers an oversized JSON body with 413', async () => {
    const res = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x', password: 'y'.repeat(200 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('payload_too_large');
  });

  it('accepts JSON with a charset and keeps its body', async () => {
    const user = await registerUser(server.url);
    const res = await fetch(`${server.url}/api/auth/login/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: user.username, password: 'correct horse' }),
    });
    expect(res.status).toBe(200);
  });

  it('never shows internals in a validation error', async () => {
    const res = await fetch(`${server.url}/api/auth/register/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: { $where: 'sleep(1000)' },
        password: ['a'],
        __proto__: { admin: true },
      }),
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/stack|at \w+ \(|node_modules|Mongo/i);
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['code', 'detail', 'fields']);
  });
});

describe('paths', () => {
  it('serves every documented path with and without the trailing slash', async () => {
    const user = await registerUser(server.url);
    for (const path of ['/api/users/me', '/api/users/me/', '/api/im/group', '/api/im/group/']) {
      expect((await fetch(`${server.url}${path}`, { headers: user.auth })).status, path).toBe(200);
    }
  });
});

describe('health', () => {
  it('reports liveness and readiness', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      rongcloudOutOfStep: { groups: 0, users: 0 },
      noticesWaiting: 0,
    });
  });

  it('sets security headers', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('observability', () => {
  it('keeps a caller’s request id and makes one up otherwise', async () => {
    const given = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes Prometheus metrics by route and status, RongCloud calls and out-of-step targets', async () => {
    const user = await registerUser(server.url);
    await fetch(`${server.url}/api/im/retrieve/424242/`);
    await fetch(`${server.url}/api/im/token/`, { headers: user.auth });
    await fetch(`${server.url}/no/such/path/${Math.random()}`);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/im\/retrieve\/\{id\}",status="404"\} \d+/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/,
    );
    expect(text).toMatch(/rongcloud_calls_total\{endpoint="\/user\/getToken.json",outcome="http_2xx"\} \d+/);
    expect(text).toMatch(/rongcloud_out_of_step\{kind="group"\} 0/);
    expect(text).toContain('database_errors_total 0');
    expect(text).toContain('process_resident_memory_bytes');
  });
});

describe('OpenAPI', () => {
  it('committed openapi.json is what the router generates (run `npm run openapi` after changing contracts)', () => {
    const committed = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(createOpenApiDocument(VERSION))));
  });

  it('is a valid OpenAPI document describing every path of docs/api.md', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register/',
        '/api/auth/login/',
        '/api/auth/logout/',
        '/api/users/me/',
        '/api/im/group/',
        '/api/im/retrieve/{id}/',
      ]),
    );
    const create = document.paths['/api/im/group/'].post;
    expect(Object.keys(create.responses)).toContain('201');
    expect(create.requestBody.content['multipart/form-data'].schema.properties.cover).toMatchObject({
      type: 'string',
      format: 'binary',
    });
    expect(create.requestBody.content['application/json'].schema.properties.cover).toBeUndefined();
    expect(create.responses['401'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ErrorEnvelope',
    );
  });

  it('is served at /openapi.json and rendered at /docs from local assets', async () => {
    const served = await (await fetch(`${server.url}/openapi.json`)).json();
    expect(served.paths['/api/im/group/']).toBeDefined();
    const page = await fetch(`${server.url}/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset, 'no asset from the internet').not.toMatch(/^(https?:)?\/\//);
      expect((await fetch(new URL(asset, `${server.url}/docs/`))).status, asset).toBe(200);
    }
  });
});
