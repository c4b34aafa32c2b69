// A RongCloud stand-in that answers like a broken or hostile upstream: wrong types, HTML, redirects to another host,
// huge bodies. It also records who called a second server the redirects point at.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileAnswer = 'html' | 'redirect' | 'wrong-types' | 'huge';

export interface HostileRongCloud {
  url: string;
  /** How every call is answered from now on. */
  answer: HostileAnswer;
  /** Requests that followed a redirect to the other host (each with its headers). */
  redirectVictims: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startHostileRongCloud(): Promise<HostileRongCloud> {
  const redirectVictims: HostileRongCloud['redirectVictims'] = [];
  const elsewhere = createServer((req, res) => {
    redirectVictims.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200,"token":"stolen"}');
  });
  const elsewhereUrl = await listen(elsewhere);
  const state: { answer: HostileAnswer } = { answer: 'html' };
  const upstream = createServer((req, res) => {
    req.resume();
    switch (state.answer) {
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      case 'redirect':
        res.writeHead(307, { location: `${elsewhereUrl}${req.url}` }).end();
        return;
      case 'wrong-types':
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"code":"200","token":{"$gt":""},"userId":7,"users":"everyone"}');
        return;
      case 'huge':
        // 64 MiB of JSON that never ends, sent without waiting: an upstream gone mad.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"code":200,"token":"');
        for (let i = 0; i < 64; i++) res.write('x'.repeat(1024 * 1024));
        res.end('"}');
        return;
    }
  });
  const url = await listen(upstream);
  return {
    url,
    get answer() {
      return state.answer;
    },
    set answer(value) {
      state.answer = value;
    },
    redirectVictims,
    async close() {
      upstream.closeAllConnections();
      elsewhere.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => upstream.close(resolve)),
        new Promise((resolve) => elsewhere.close(resolve)),
      ]);
    },
  };
}
