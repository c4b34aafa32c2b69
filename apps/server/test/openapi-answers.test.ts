// Every documented operation asked the way an attacker or a confused client would — no token, a forged one, bodies
// no parser takes, ids and pages out of range, methods it does not serve, HEAD, a burst at once — answers only what
// openapi.json says it answers: conformance-setup.ts checks each answer against the document, and none is a 5xx.
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './conformance.ts';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ LOGIN_MAX_FAILURES: '3' });
const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    path,
    method: method.toUpperCase(),
    operation: operation as { operationId: string; requestBody?: unknown },
  })),
);
const FORGED = { authorization: 'Token 0123456789abcdef0123456789abcdef01234567' };

const fill = (path: string, value: string) => path.replace(/\{\w+\}/g, value);

async function send(method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { method, ...init });
  await res.arrayBuffer();
  return res.status;
}

describe('answers to hostile requests are all in openapi.json', () => {
  it('without a token and with a forged one', async () => {
    for (const { path, method } of operations) {
      for (const headers of [{}, FORGED, { authorization: 'Basic YTpi' }, { authorization: 'Token' }]) {
        const status = await send(method, fill(path, '1'), { headers });
        expect(status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });

  it('with bodies no parser takes, too deep, too large or of the wrong type', async () => {
    const user = await registerUser(server.url);
    const bodies: [string, string][] = [
      ['application/json', '{"name": '],
      ['application/json', 'null'],
      ['application/json', '[1, 2]'],
      ['application/json', `${'['.repeat(40)}${']'.repeat(40)}`],
      ['application/json', JSON.stringify({ name: 'x'.repeat(2_000_000) })],
      ['text/plain', 'name=x'],
      ['application/xml', '<name>x</name>'],
      ['multipart/form-data', 'no boundary at all'],
      ['application/x-www-form-urlencoded; charset=latin9', 'name=x'],
    ];
    for (const { path, method, operation } of operations) {
      if (!operation.requestBody && method !== 'POST') continue;
      for (const [type, body] of bodies) {
        const status = await send(method, fill(path, '1'), {
          headers: { ...user.auth, 'content-type': type },
          body,
        });
        expect(status, `${method} ${path} ${type}`).toBeLessThan(500);
      }
    }
  });

  it('with ids, codes and pages out of range, and unknown languages', async () => {
    const user = await registerUser(server.url);
    for (const { path, method } of operations) {
      for (const value of ['0', '-1', 'abc', '9007199254740993', '1e3', '%E0%A4%A', '%00', '١٢٣٤']) {
        const query = method === 'GET' ? `?page=${value}&page_size=${value}` : '';
        const status = await send(method, `${fill(path, value)}${query}`, {
          headers: { ...user.auth, 'accept-language': 'xx, *;q=0' },
        });
        expect(status, `${method} ${path} ${value}`).toBeLessThan(500);
      }
    }
    for (const query of ['?page=99999', '?page_size=101', '?page=1&page=2', '?page_size=']) {
      expect(await send('GET', `/api/im/group/${query}`, { headers: user.auth })).toBeLessThan(500);
    }
  });

  it('with methods a path does not serve, and HEAD', async () => {
    const user = await registerUser(server.url);
    for (const { path } of operations) {
      for (const method of ['PUT', 'PATCH', 'DELETE', 'HEAD', 'GET', 'POST']) {
        expect(await send(method, fill(path, '1'), { headers: user.auth })).toBeLessThan(500);
      }
    }
  });

  it('in a burst of failed logins (429) and of creates with one code (409)', async () => {
    const user = await registerUser(server.url);
    const logins = await Promise.all(
      Array.from({ length: 8 }, () =>
        send('POST', '/api/auth/login/', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: user.username, password: 'wrong password' }),
        }),
      ),
    );
    expect(logins).toContain(429);
    const creates = await Promise.all(
      Array.from({ length: 6 }, () =>
        send('POST', '/api/im/group/', {
          headers: { ...user.auth, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'burst', code: '7531' }),
        }),
      ),
    );
    expect(creates.filter((status) => status === 201)).toHaveLength(1);
    expect(creates).toContain(409);
  });
});
