// An embedded database of the test's own that can be killed and started again on the same address with the same
// data. FerretDB is killed with SIGKILL (a crash, not a clean stop); its pid is found in /proc among this
// process's own children by its unique listen address. Where /proc is missing, or mongod stands in for FerretDB,
// the database is stopped instead.
import { readdirSync, readFileSync } from 'node:fs';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@groupchat/db/embedded';
import { canConnect } from '@groupchat/processes';

export interface RestartableDatabase {
  /** mongodb:// URI without a database name; the same across restarts. */
  uri: string;
  /** How the last outage was made: `SIGKILL` or `stop`. */
  lastKill: string;
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRestartableDatabase(dataDir: string): Promise<RestartableDatabase> {
  let current: EmbeddedDatabase | undefined = await startEmbeddedDatabase({ dataDir });
  const uri = current.uri;
  const port = Number(new URL(uri).port);
  const handle: RestartableDatabase = {
    uri,
    lastKill: '',
    async kill() {
      const running = current;
      current = undefined;
      if (!running) return;
      const pid = running.kind === 'ferretdb' ? findFerretDbListeningOn(port) : undefined;
      if (pid === undefined) {
        handle.lastKill = 'stop';
        await running.stop();
        return;
      }
      handle.lastKill = 'SIGKILL';
      process.kill(pid, 'SIGKILL');
      while (await canConnect(port)) await new Promise((resolve) => setTimeout(resolve, 20));
      // The child is gone already; this only drops the launcher's exit hook.
      await running.stop();
    },
    async start() {
      if (current) return;
      current = await startEmbeddedDatabase({ dataDir, port });
      if (current.uri !== uri) throw new Error(`database came back on ${current.uri}, not ${uri}`);
    },
    async stop() {
      const running = current;
      current = undefined;
      await running?.stop();
    },
  };
  return handle;
}

function findFerretDbListeningOn(port: number): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--listen-addr=127.0.0.1:${port}`)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}
