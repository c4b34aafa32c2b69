// A client that sends a request a little at a time over a raw socket (slowloris, slow-trickle uploads) and reports
// what the server answered and when it hung up.
import { connect } from 'node:net';

export interface TrickleOutcome {
  /** Everything the server wrote before closing (empty when it closed without answering). */
  answer: string;
  /** Milliseconds from the first byte sent to the server closing the connection. */
  closedAfterMs: number;
}

/**
 * Sends `start` at once, then one byte of `rest` every `intervalMs` until the server closes the connection (or
 * `giveUpMs` passes: then the outcome says so with closedAfterMs = Infinity).
 */
export function trickle(
  url: string,
  start: string | Buffer,
  rest: Buffer,
  { intervalMs, giveUpMs }: { intervalMs: number; giveUpMs: number },
): Promise<TrickleOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const began = Date.now();
    const chunks: Buffer[] = [];
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < rest.length && !socket.destroyed) socket.write(rest.subarray(sent, ++sent));
    }, intervalMs);
    const giveUp = setTimeout(() => finish(Number.POSITIVE_INFINITY), giveUpMs);
    let finished = false;
    const finish = (closedAfterMs: number) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ answer: Buffer.concat(chunks).toString('latin1'), closedAfterMs });
    };
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => finish(Date.now() - began));
    socket.write(start);
  });
}
