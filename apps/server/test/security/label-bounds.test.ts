// OWASP API4 (unrestricted resource consumption) in the metrics: 20,000 distinct unknown paths must not become
// 20,000 series. A label per path once let ~1,200 requests and one scrape exhaust the heap.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { operationsOf } from '@groupchat/api';
import { describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer();

// The service runs in this process, beside the client. Collected garbage first, what stays is the live heap: V8
// keeps the pages it grew to (RSS grows by heapTotal under load whether or not anything leaks), so RSS is
// reported and the live heap is what is bounded.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const settledMemory = () => {
  gc();
  return process.memoryUsage();
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

const DISTINCT_PATHS = 20_000;
const PARALLEL = 32;

async function scrape(): Promise<{ series: number; routes: Set<string> }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const lines = text.split('\n').filter((line) => line.startsWith('http_request_duration_seconds_count'));
  return { series: lines.length, routes: new Set(lines.map((line) => /route="([^"]*)"/.exec(line)![1]!)) };
}

// Paths a client makes up: under a real route's prefix, under /trpc, and anywhere.
const pathNumber = (n: number) => {
  const noise = randomBytes(24).toString('hex');
  return [
    `/api/im/group/1/${noise}/`,
    `/api/im/group/${n}/kick/${noise}`,
    `/trpc/${noise}`,
    `/trpc/groups.list,${noise}`,
    `/${noise}`,
  ][n % 5]!;
};

describe('metric labels', () => {
  it(`stay bounded after ${DISTINCT_PATHS} distinct unmatched paths; memory does not grow with them`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
    const send = async (from: number, to: number) => {
      let next = from;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          while (next < to) {
            const n = next++;
            const method = n % 7 === 0 ? 'PROPFIND' : 'GET';
            const res = await rawRequest(`${server.url}${pathNumber(n)}`, { method, agent });
            expect(res.status, pathNumber(n)).toBeLessThan(500);
          }
        }),
      );
    };
    await send(0, 2_000); // warm up: the first requests grow caches that are not per path
    await scrape(); // so that the scrape's own series exists before counting
    const before = await scrape();
    const memoryBefore = settledMemory();
    await send(2_000, 2_000 + DISTINCT_PATHS);
    const after = await scrape();
    const memoryAfter = settledMemory();
    agent.destroy();

    expect(after.series).toBe(before.series);
    const templates = new Set([
      'unmatched',
      '/metrics',
      ...operationsOf().map((operation) => operation.path),
    ]);
    for (const route of after.routes) expect(templates).toContain(route);
    const growth = `heap ${mib(memoryBefore.heapUsed)} → ${mib(memoryAfter.heapUsed)}, RSS ${mib(memoryBefore.rss)} → ${mib(memoryAfter.rss)}`;
    console.info(growth);
    expect(memoryAfter.heapUsed, growth).toBeLessThan(memoryBefore.heapUsed * 1.2);
  }, 120_000);
});
