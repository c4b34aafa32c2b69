// Writes a JSON answer with the Content-Type RongCloud uses; a no-op once the client has gone.
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, httpStatus: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(httpStatus, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
