// OWASP API4 (unrestricted resource consumption) in the metrics: 20,000 distinct unknown paths must not become
// 20,000 series. A label per path once let ~1,200 requests and one scrape exhaust the heap.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { operationsOf } from '@groupchat/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServices, type ServiceProcess, startService } from '../resilience/service-process.ts';
import { rawRequest } from './raw-request.ts';

// The service runs as production runs it: its own process, with the Node flags `npm start` passes, so that its
// RSS is its own and not the test client's (which, in one process, grew RSS by 100 MiB with no leak at all).
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const NODE_FLAGS = String(packageJson.config.nodeFlags).split(' ').filter(Boolean);
let server: ServiceProcess;
beforeAll(async () => {
  server = await startService({}, NODE_FLAGS);
}, 60_000);
afterAll(killServices);

/** The service's resident set (Linux /proc), in MiB. */
const rssMiB = () =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]) / 1024;

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

describe.runIf(process.platform === 'linux')('metric labels', () => {
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
    const rssBefore = rssMiB();
    await send(2_000, 2_000 + DISTINCT_PATHS);
    const after = await scrape();
    const rssAfter = rssMiB();
    agent.destroy();

    expect(after.series).toBe(before.series);
    const templates = new Set([
      'unmatched',
      '/metrics',
      ...operationsOf().map((operation) => operation.path),
    ]);
    for (const route of after.routes) expect(templates).toContain(route);
    const growth = `RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`;
    console.info(growth);
    expect(rssAfter, growth).toBeLessThan(rssBefore * 1.2);
  }, 450_000);
});
