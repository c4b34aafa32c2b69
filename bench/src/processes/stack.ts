// Everything the load hits: the database (embedded FerretDB unless a MongoDB URI is given), the service and both
// baselines. `reset` kills and restarts all of them on the same data, the only way to drop work a run abandoned
// (neither the service nor the database stops serving a request whose client went away).
import { join } from 'node:path';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@groupchat/db/embedded';
import { findFreePort } from '@groupchat/processes';
import { findDescendantPids } from './proc-stats.ts';
import { type NodeServer, startNodeServer } from './start-node-server.ts';
import { startService } from './start-service.ts';

export type TargetName = 'rest' | 'trpc' | 'expressMongoose' | 'nodeDriver';

export interface StackOptions {
  repoRoot: string;
  dataDir: string;
  /** A real MongoDB to use instead of the embedded database (its `groupchat_bench` database is overwritten). */
  externalMongoUri?: string;
  rongCloud: { appKey: string; appSecret: string; url: string };
  baseEnv: Record<string, string | undefined>;
  serviceNodeFlags?: string[];
  /** Count the service's database commands (DB_COMMAND_METRICS); off for a profile of the service as deployed. */
  countCommands: boolean;
  withBaselines: boolean;
}

export interface Stack {
  databaseKind: string;
  dbUri(): string;
  dbPid(): number | undefined;
  service(): NodeServer;
  urlOf(target: TargetName): string;
  pidOf(target: TargetName): number;
  /** Every process the load reaches: the servers and the embedded database. */
  pids(): number[];
  resets: number;
  reset(): Promise<void>;
  /** Graceful: the service finishes what it serves (and writes its --cpu-prof file). */
  stop(): Promise<void>;
  /** Immediate: at the end of a benchmark nothing left in flight is worth waiting for. */
  kill(): Promise<void>;
}

const BENCH_DB = 'groupchat_bench';

export async function startDatabaseOnly(options: StackOptions) {
  if (options.externalMongoUri) {
    return {
      embedded: undefined,
      uri: withDatabase(options.externalMongoUri, BENCH_DB),
      kind: 'mongodb (external)',
    };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: options.dataDir });
  return { embedded, uri: `${embedded.uri}/${BENCH_DB}`, kind: embedded.kind };
}

export async function startStack(
  options: StackOptions,
  database: { embedded: EmbeddedDatabase | undefined; uri: string; kind: string },
): Promise<Stack> {
  let { embedded, uri } = database;
  let servers = await startServers(options, uri);
  const stack: Stack = {
    databaseKind: database.kind,
    dbUri: () => uri,
    dbPid: () => (embedded ? findDescendantPids(process.pid, 'ferretdb')[0] : undefined),
    service: () => servers.service,
    urlOf: (target) => serverOf(servers, target).url,
    pidOf: (target) => serverOf(servers, target).pid,
    pids: () => [
      ...allServers(servers).map((server) => server.pid),
      ...(stack.dbPid() ? [stack.dbPid()!] : []),
    ],
    resets: 0,
    async reset() {
      stack.resets++;
      await Promise.all(allServers(servers).map((server) => server.kill()));
      if (embedded) {
        const pid = stack.dbPid();
        if (pid) process.kill(pid, 'SIGKILL');
        await embedded.stop();
        embedded = await startEmbeddedDatabase({ dataDir: options.dataDir });
        uri = `${embedded.uri}/${BENCH_DB}`;
      }
      servers = await startServers(options, uri);
    },
    async stop() {
      await Promise.all(allServers(servers).map((server) => server.stop()));
      await embedded?.stop();
    },
    async kill() {
      await Promise.all(allServers(servers).map((server) => server.kill()));
      const pid = stack.dbPid();
      if (pid) process.kill(pid, 'SIGKILL');
      await embedded?.stop();
    },
  };
  return stack;
}

interface Servers {
  service: NodeServer;
  expressMongoose?: NodeServer;
  nodeDriver?: NodeServer;
}

const allServers = (servers: Servers) =>
  [servers.service, servers.expressMongoose, servers.nodeDriver].filter((server) => server !== undefined);

function serverOf(servers: Servers, target: TargetName): NodeServer {
  const server = target === 'rest' || target === 'trpc' ? servers.service : servers[target];
  if (!server) throw new Error(`${target} is not running`);
  return server;
}

async function startServers(options: StackOptions, uri: string): Promise<Servers> {
  const baseline = async (name: string, file: string) => {
    const port = await findFreePort();
    return startNodeServer({
      name,
      entry: join(options.repoRoot, 'bench/src/baselines', file),
      cwd: options.repoRoot,
      args: [String(port), uri],
      env: { ...options.baseEnv, NODE_ENV: 'production' },
      url: `http://127.0.0.1:${port}`,
      readyPath: '/healthz',
    });
  };
  const [service, expressMongoose, nodeDriver] = await Promise.all([
    startService({
      repoRoot: options.repoRoot,
      mongodbUri: uri,
      rongCloud: options.rongCloud,
      dataDir: options.dataDir,
      baseEnv: options.baseEnv,
      nodeFlags: options.serviceNodeFlags,
      countCommands: options.countCommands,
    }),
    options.withBaselines ? baseline('baseline (a)', 'express-mongoose-server.ts') : undefined,
    options.withBaselines ? baseline('baseline (b)', 'node-http-driver-server.ts') : undefined,
  ]);
  return { service, expressMongoose, nodeDriver };
}

function withDatabase(uri: string, database: string): string {
  const url = new URL(uri);
  url.pathname = `/${database}`;
  return url.toString();
}
