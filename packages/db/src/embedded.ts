// Starts the embedded MongoDB-compatible database: FerretDB on SQLite when its binary is built (scripts/setup.mjs),
// otherwise a real mongod from mongodb-memory-server on machines that can download one.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
// The same tag scripts/setup.mjs builds under: a changed patch gets a binary of its own.
import { patchTag } from '../ferretdb/apply-patch.mjs';

export interface EmbeddedDatabaseOptions {
  /** Directory for the data files; ignored when `inMemory`. */
  dataDir: string;
  /** Keep everything in memory (tests). */
  inMemory?: boolean;
  /** Overrides the cache location of the FerretDB binary (XDG_CACHE_HOME semantics). */
  cacheDir?: string;
  /** Listen on this port (to restart on the same address); a free one when unset. */
  port?: number;
  /** Upstream behaviour: decode every document and filter in Go (to check our pushdown against it). */
  disablePushdown?: boolean;
  /**
   * Upstream behaviour: write commands do not take our build's write lock, so concurrent read-modify-writes of one
   * document can lose updates (to show what the lock prevents; decision 0006).
   */
  unlockedWrites?: boolean;
}

export interface EmbeddedDatabase {
  /** mongodb:// URI without a database name. */
  uri: string;
  kind: 'ferretdb' | 'mongodb-memory-server';
  stop(): Promise<void>;
}

const pin = JSON.parse(readFileSync(new URL('../ferretdb.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function ferretDbBinaryPath(cacheDir = join(homedir(), '.cache')): string {
  return join(cacheDir, 'groupchat', `ferretdb-${pin.version}-${patchTag()}`, 'ferretdb');
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const binary = ferretDbBinaryPath(options.cacheDir);
  if (existsSync(binary)) return startFerretDb(binary, options);
  return startMongoMemoryServer(options);
}

async function startFerretDb(binary: string, options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const sqliteDir = join(options.dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/${options.inMemory ? '?mode=memory' : ''}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${options.inMemory ? '-' : sqliteDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
      ...(options.disablePushdown ? ['--test-disable-pushdown'] : []),
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Decoding documents allocates heavily and Go's default GC target (100) collects constantly: 400 made a
      // count over 3,000 memberships about 25% faster for 30 MB more memory (docs/ferretdb.md).
      // The write lock is on unless this instance asks otherwise, whatever our environment says (decision 0006).
      env: {
        GOGC: '400',
        // biome-ignore lint/style/noProcessEnv: the child inherits our environment, as spawn does by default
        ...process.env,
        GROUPCHAT_FERRETDB_UNLOCKED_WRITES: options.unlockedWrites ? '1' : '',
      },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stopChild = () => child.kill('SIGTERM');
  process.once('exit', stopChild);
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    kind: 'ferretdb',
    stop: async () => {
      process.removeListener('exit', stopChild);
      await stopProcess(child);
    },
  };
}

async function startMongoMemoryServer(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = join(options.dataDir, 'mongod');
  if (!options.inMemory) mkdirSync(dbPath, { recursive: true });
  const port = options.port ? { port: options.port } : {};
  const server = await MongoMemoryServer.create({
    instance: options.inMemory ? port : { dbPath, storageEngine: 'wiredTiger', ...port },
  });
  return {
    uri: server.getUri().replace(/\/$/, ''),
    kind: 'mongodb-memory-server',
    stop: async () => {
      await server.stop({ doCleanup: !!options.inMemory });
    },
  };
}

/** A free TCP port on the loopback interface. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`FerretDB did not listen on port ${port} within 15 s: ${stderr()}`);
}

/** Whether something accepts TCP connections on this loopback port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`; resolves once it has exited. */
export function stopProcess(
  child: ChildProcess,
  { signal = 'SIGTERM', graceMs = 5_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill(signal);
  });
}
