// Reads a request body as UTF-8, keeping at most `maxBytes` but always draining the rest.
import type { IncomingMessage } from 'node:http';

export interface ReadBodyResult {
  text: string;
  tooLarge: boolean;
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadBodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBytes };
}
