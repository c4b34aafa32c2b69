// A client that drops a multipart upload half-way has made no error of ours: it is logged below error level, and
// nothing else is logged as a failure (a flood of such drops must not page anyone).
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer({ captureLogs: true });

/** Sends the head and half the multipart body of an avatar upload, then resets the connection. */
async function dropUploadHalfWay(token: string, how: 'end' | 'reset') {
  const boundary = 'x-boundary-0123';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    ),
    Buffer.alloc(200_000, 7),
  ]);
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    `PATCH /api/users/me/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token ${token}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length * 2}\r\n\r\n`,
  );
  socket.write(body);
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (how === 'reset') socket.resetAndDestroy();
  else socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 300));
}

describe('an upload dropped half-way', () => {
  it('is not logged at error level, whether the connection is closed or reset', async () => {
    const user = await registerUser(server.url);
    await dropUploadHalfWay(user.token, 'end');
    await dropUploadHalfWay(user.token, 'reset');
    const lines = server
      .logText()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg: string; req?: { url?: string } });
    const uploads = lines.filter((line) => line.req?.url === '/api/users/me/');
    expect(uploads.length).toBeGreaterThan(0);
    expect(lines.filter((line) => line.level >= 50).map((l) => JSON.stringify(l).slice(0, 400))).toEqual([]);
  });
});
