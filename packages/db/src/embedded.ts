// Starts the embedded MongoDB-compatible database: FerretDB on SQLite when its binary is built (scripts/setup.mjs),
// otherwise a real mongod from mongodb-memory-server on machines that can download one.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, startServerProcess } from '@groupchat/processes';
// The same path scripts/setup.mjs builds to.
import { ferretDbBinaryPath } from '../ferretdb-binary.mjs';

export interface EmbeddedDatabaseOptions {
  /** Directory for the data files. */
  dataDir: string;
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

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const binary = ferretDbBinaryPath();
  if (existsSync(binary)) return startFerretDb(binary, options);
  return startMongoMemoryServer(options);
}

async function startFerretDb(binary: string, options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const sqliteDir = join(options.dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const server = await startServerProcess({
    name: 'FerretDB',
    binary,
    port,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${sqliteDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=error',
      ...(options.disablePushdown ? ['--test-disable-pushdown'] : []),
    ],
    // Decoding documents allocates heavily and Go's default GC target (100) collects constantly: 400 made a
    // count over 3,000 memberships about 25% faster for 30 MB more memory (docs/ferretdb.md).
    // The write lock is on unless this instance asks otherwise, whatever our environment says (decision 0006).
    env: {
      GOGC: '400',
      // biome-ignore lint/style/noProcessEnv: the child inherits our environment, as spawn does by default
      ...process.env,
      GROUPCHAT_FERRETDB_UNLOCKED_WRITES: options.unlockedWrites ? '1' : '',
      // Our build stops once this process is no longer its parent, however we die (SIGKILL and the
      // out-of-memory killer included), so the database never outlives us (decision 0007).
      GROUPCHAT_FERRETDB_PARENT_PID: String(process.pid),
    },
  });
  return {
    uri: `mongodb://127.0.0.1:${port}`,
    kind: 'ferretdb',
    stop: server.stop,
  };
}

async function startMongoMemoryServer(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = join(options.dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const port = options.port ? { port: options.port } : {};
  const server = await MongoMemoryServer.create({
    instance: { dbPath, storageEngine: 'wiredTiger', ...port },
  });
  return {
    uri: server.getUri().replace(/\/$/, ''),
    kind: 'mongodb-memory-server',
    stop: async () => {
      // The data survives, as FerretDB's does: the next start serves it again.
      await server.stop({ doCleanup: false });
    },
  };
}
