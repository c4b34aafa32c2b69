// A throwaway RongCloud stand-in on node:http: records every request and answers from a per-test script.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createRongCloudClient, type RongCloudClient, type RongCloudConfig } from '../../src/index.ts';

export const APP_KEY = 'testAppKey123';
export const APP_SECRET = 'Zq9SecretNeverPrinted7';

/** The form fields a recorded request sent, in order (an absent request has none). */
export const fieldsOf = (request: RecordedRequest | undefined): Array<[string, string]> => [
  ...(request?.form ?? []),
];

export interface RecordedRequest {
  server: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
  receivedAt: number;
}

export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string }
  | { hang: true };

export type Responder = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
}

export const OK: Reply = { json: { code: 200 } };

const openServers = new Set<Server>();

afterEach(async () => {
  const closing = [...openServers].map(
    (server) =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  openServers.clear();
  await Promise.all(closing);
});

/**
 * Starts a server labelled `label`. Every request is pushed to its own `requests` and to `sharedLog`,
 * so a test can check the order of calls across a primary and a backup.
 */
export async function startFakeRongCloud(
  label: string,
  respond: Responder,
  sharedLog: RecordedRequest[] = [],
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        server: label,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        form: new URLSearchParams(body),
        receivedAt: performance.now(),
      };
      requests.push(recorded);
      sharedLog.push(recorded);
      void Promise.resolve(respond(recorded)).then((reply) => {
        if ('hang' in reply) return;
        if ('text' in reply) {
          res.writeHead(reply.status, { 'Content-Type': 'text/html' });
          res.end(reply.text);
          return;
        }
        res.writeHead(reply.status ?? 200, {
          'Content-Type': 'application/json; charset=utf-8',
          ...reply.headers,
        });
        res.end(JSON.stringify(reply.json));
      });
    });
  });
  openServers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests };
}

/** A URL nothing listens on: connecting to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export function createTestClient(
  baseUrls: string[],
  overrides: Partial<RongCloudConfig> = {},
): RongCloudClient {
  return createRongCloudClient({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    baseUrls,
    timeoutMs: 1_000,
    maxRetries: 3,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 4,
    ...overrides,
  });
}

/** Awaits a promise expected to reject and returns the rejection, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject, but it resolved');
}
