// The embedded database never outlives the service, however the service dies: SIGKILL (as the out-of-memory
// killer or a crash leaves it) included. Our FerretDB build stops itself once the process named in
// GROUPCHAT_FERRETDB_PARENT_PID is no longer its parent (packages/db/ferretdb/parentwatch.go, decision 0007).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ferretDbBinaryPath } from '@groupchat/db/ferretdb-binary';
import { findFreePort } from '@groupchat/processes';
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
    expect(running.length, 'FerretDB runs').toBe(1);
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);

    service.child.kill('SIGKILL');
    await service.exited;
    const gone = await waitUntil(() => processesNaming(marker).length === 0, 5_000);
    const left = processesNaming(marker);
    for (const pid of left) process.kill(pid, 'SIGKILL');
    expect(gone, `still running: ${left.join(', ')}`).toBe(true);
  }, 60_000);

  // The parent may die between spawning FerretDB and FerretDB's first look: it then already has another parent.
  it('stops at once when the parent it was given is not its parent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'orphan-'));
    try {
      const port = await findFreePort();
      const child = spawn(
        ferretDbBinaryPath(),
        [
          '--handler=sqlite',
          `--sqlite-url=file:${dataDir}/`,
          `--listen-addr=127.0.0.1:${port}`,
          `--state-dir=${dataDir}`,
          '--debug-addr=-',
          '--telemetry=disable',
        ],
        {
          stdio: 'ignore',
          env: { ...process.env, GROUPCHAT_FERRETDB_PARENT_PID: String(process.ppid) },
        },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const stopped = await Promise.race([
        exited.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 5_000)),
      ]);
      if (!stopped) child.kill('SIGKILL');
      expect(stopped, 'FerretDB stopped by itself').toBe(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
