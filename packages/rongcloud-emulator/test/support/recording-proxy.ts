// A pass-through HTTP proxy that records each request exactly as it arrived (raw header names, raw body).
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedExchange {
  method: string;
  path: string;
  /** Header name → value, names as sent on the wire. */
  headers: Record<string, string>;
  body: string;
  status: number;
  responseBody: string;
}

export interface RecordingProxy {
  url: string;
  exchanges: RecordedExchange[];
  close(): Promise<void>;
}

function pairUp(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[rawHeaders[i]!] = rawHeaders[i + 1]!;
  return headers;
}

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const exchanges: RecordedExchange[] = [];
  const server = createServer(async (req, res) => {
    const body = await readAll(req);
    const upstream = request(
      `${targetUrl}${req.url}`,
      { method: req.method, headers: req.headers, agent: false },
      async (answer) => {
        const responseBody = await readAll(answer);
        exchanges.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: pairUp(req.rawHeaders),
          body: body.toString('utf8'),
          status: answer.statusCode ?? 0,
          responseBody: responseBody.toString('utf8'),
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(responseBody);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
