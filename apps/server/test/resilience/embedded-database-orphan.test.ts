// The embedded database never outlives the service, however the service dies: SIGKILL (as the out-of-memory
// killer or a crash leaves it) included. FerretDB runs under a supervisor that stops it when the pipe from the
// service closes (packages/db/src/supervise.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { killServices, startService } from './service-process.ts';

afterAll(killServices);

/** Ids of the processes whose command line names `text` (Linux /proc). */
function processesNaming(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe.runIf(process.platform === 'linux')('the embedded database', () => {
  it('is gone within a few seconds of the service being SIGKILLed', async () => {
    // No MONGODB_URI and no RongCloud credentials: the service starts its own FerretDB (and emulator).
    const service = await startService({});
    const marker = `${service.dataDir}/ferretdb`;
    const running = processesNaming(marker);
    expect(running.length, 'FerretDB (and its supervisor) run').toBeGreaterThan(0);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);

    service.child.kill('SIGKILL');
    await service.exited;
    const gone = await waitUntil(() => processesNaming(marker).length === 0, 5_000);
    const left = processesNaming(marker);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(gone, `still running: ${left.join(', ')}`).toBe(true);
  }, 60_000);
});
