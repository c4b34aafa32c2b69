// OWASP API8 at the HTTP layer: whatever a client puts in the request line and the headers (Host, X-Forwarded-*,
// methods known, unknown and lowercase, control characters, oversized headers), the answer is never a 5xx, an
// error is always the envelope, nothing is logged at error level, and no link names a scheme other than http(s).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { rawExchange } from './raw-request.ts';
import { useSecurityServer } from './security-server.ts';

// TRUST_PROXY=loopback (the default): the test client is a trusted hop, so X-Forwarded-* reach the links.
const server = useSecurityServer({ captureLogs: true, env: { TRUST_PROXY: 'loopback' } });

const hostileText = fc.oneof(
  fc.constantFrom('a@b', 'a b', 'javascript:', 'javascript:alert(1)//', 'evil.example/x', 'x?y', 'x#y'),
  fc.constantFrom('[::1]', '[::1]:3000', 'exa%41mple.com', 'host:99999', 'host:', ':80', 'évil.example', ''),
  fc.constantFrom('HTTPS', 'ftp', 'http,https', 'https, http', 'data:', '\u0000', '\u0007x', 'a\tb'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const validHost = fc.constantFrom('localhost', '127.0.0.1:3000', 'chat.example.com', 'CHAT.example.com:443');

const request = fc.record({
  method: fc.constantFrom(
    'GET',
    'POST',
    'HEAD',
    'OPTIONS',
    'PUT',
    'PATCH',
    'DELETE',
    'TRACE',
    'CONNECT',
    'PROPFIND',
    'M-SEARCH',
    'get',
    'post',
    'BREW',
    'G E T',
  ),
  path: fc.constantFrom(
    '/api/users/me/',
    '/api/im/group/',
    '/api/im/retrieve/1/',
    '/trpc/accounts.getMe',
    '/trpc/groups.list',
    '/trpc/nope',
    '/media/defaults/cover.png',
    '/media/x.png',
    '/healthz',
    '/docs/',
    '/nope',
  ),
  host: fc.option(fc.oneof(validHost, hostileText), { nil: undefined }),
  forwardedProto: fc.option(fc.oneof(fc.constantFrom('http', 'https'), hostileText), { nil: undefined }),
  forwardedHost: fc.option(fc.oneof(validHost, hostileText), { nil: undefined }),
  forwardedFor: fc.option(fc.oneof(fc.constantFrom('10.0.0.1', '::1, 10.0.0.2'), hostileText), {
    nil: undefined,
  }),
  padding: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40_000 })),
});

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

// A header line cannot hold a line break without becoming two lines (or two requests); everything else goes.
const headerValue = (value: string) => value.replace(/[\r\n]/g, '');

function bytesOf(input: Generated, auth: string) {
  const lines = [`${input.method} ${input.path} HTTP/1.1`];
  if (input.host !== undefined) lines.push(`Host: ${headerValue(input.host)}`);
  if (input.forwardedProto !== undefined)
    lines.push(`X-Forwarded-Proto: ${headerValue(input.forwardedProto)}`);
  if (input.forwardedHost !== undefined) lines.push(`X-Forwarded-Host: ${headerValue(input.forwardedHost)}`);
  if (input.forwardedFor !== undefined) lines.push(`X-Forwarded-For: ${headerValue(input.forwardedFor)}`);
  if (input.padding > 0) lines.push(`X-Padding: ${'p'.repeat(input.padding)}`);
  lines.push(`Authorization: ${auth}`, 'Accept-Language: en', 'Content-Length: 0', 'Connection: close');
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

const envelopeOf = (body: unknown) => {
  const tRpc = (body as { error?: { data?: { envelope?: unknown } } })?.error?.data?.envelope;
  return tRpc ?? body;
};

describe('hostile request lines and headers', () => {
  it('the findings: Host a@b, TRACE on /trpc and a javascript: forwarded proto are 4xx envelopes', async () => {
    const user = await registerUser(server.url);
    for (const [head, status, code] of [
      ['GET /trpc/accounts.getMe HTTP/1.1\r\nHost: a@b', 400, 'bad_request'],
      ['GET /api/users/me/ HTTP/1.1\r\nHost: a@b', 400, 'bad_request'],
      ['TRACE /trpc/accounts.getMe HTTP/1.1\r\nHost: localhost', 405, 'method_not_allowed'],
      [
        'GET /api/users/me/ HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: javascript:',
        400,
        'bad_request',
      ],
      ['GET /api/users/me/ HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Host: a@b', 400, 'bad_request'],
    ] as const) {
      const answer = await rawExchange(
        server.url,
        `${head}\r\nAuthorization: ${user.auth.authorization}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer.status, head).toBe(status);
      expect(JSON.parse(answer.text), head).toEqual({ detail: expect.any(String), code });
    }
  });

  it('never answer a 5xx; every refusal is the envelope; links stay http(s); nothing is logged as an error', async () => {
    const user = await registerUser(server.url);
    const auth = user.auth.authorization;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const answer = await rawExchange(server.url, bytesOf(input, auth));
        const where = `${JSON.stringify(input)} → ${answer.status} ${answer.text.slice(0, 200)}`;
        expect(answer.status, where).toBeGreaterThanOrEqual(200);
        expect(answer.status, where).toBeLessThan(500);
        if (answer.status >= 400 && input.method !== 'HEAD') {
          expect(envelopeOf(JSON.parse(answer.text)), where).toMatchObject({
            detail: expect.any(String),
            code: expect.any(String),
          });
        }
        expect(answer.text, where).not.toMatch(/"(?!https?:\/\/)[a-z][\w+.-]*:\/{0,2}[^"]*\/(media|api)\//i);
      }),
      { numRuns: 400 },
    );
    expect(server.logText()).not.toContain('"level":50');
  }, 120_000);
});
