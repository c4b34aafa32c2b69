// Every error answer is the envelope with the headers HTTP asks for: Node's own parser refusals (oversized headers,
// a broken request line, CONNECT), 405 on /media, WWW-Authenticate on a 401, Vary: Accept-Language on errors.
import { describe, expect, it } from 'vitest';
import { rawExchange } from './raw-request.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer();

const envelope = (text: string) => expect(JSON.parse(text)).toMatchObject({ detail: expect.any(String) });

describe("Node's parser refusals", () => {
  it('a 20 KB header is a 431 in the envelope, and the connection closes', async () => {
    const answer = await rawExchange(
      server.url,
      `GET /api/users/me/ HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.status).toBe(431);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.text)).toEqual({ detail: expect.any(String), code: 'headers_too_large' });
  });

  it('a malformed request line, a control character in a header and CONNECT are refused in the envelope', async () => {
    for (const [bytes, status, code] of [
      ['GET /\x01 HTTP/1.1\r\nHost: localhost\r\n\r\n', 400, 'bad_request'],
      ['GET / HTTP/1.1\r\nHost: local\x07host\r\n\r\n', 400, 'bad_request'],
      ['NOT A REQUEST\r\n\r\n', 400, 'bad_request'],
      ['CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 405, 'method_not_allowed'],
    ] as const) {
      const answer = await rawExchange(server.url, bytes);
      expect(answer.status, bytes).toBe(status);
      expect(JSON.parse(answer.text), bytes).toEqual({ detail: expect.any(String), code });
    }
  });
});

describe('error headers', () => {
  it('a 401 names the Token scheme, over REST and tRPC', async () => {
    for (const [path, authorization] of [
      ['/api/users/me/', undefined],
      ['/api/users/me/', 'Token wrong'],
      ['/trpc/accounts.getMe', undefined],
      ['/trpc/accounts.getMe', 'Token wrong'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, authorization ? { headers: { authorization } } : {});
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toBe('Token');
    }
  });

  it('errors vary with Accept-Language, over REST, tRPC and the fallbacks', async () => {
    for (const path of [
      '/api/users/me/',
      '/api/im/retrieve/999999/',
      '/nope',
      '/media/missing.png',
      '/trpc/nope',
    ]) {
      const res = await fetch(`${server.url}${path}`, { headers: { 'accept-language': 'en' } });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('vary') ?? '', path).toMatch(/Accept-Language/i);
    }
  });

  it('other methods than GET and HEAD on /media are a 405 in the envelope, with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${server.url}/media/defaults/cover.png`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow'), method).toBe('GET, HEAD');
      envelope(await res.text());
    }
  });
});
