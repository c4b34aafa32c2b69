// The one way to build the service: settings, database (embedded unless a URI is given), RongCloud (an emulator
// in this process when no credentials are configured), the reconciler and the HTTP server. src/index.ts, the test
// servers, the security and resilience suites and the benchmark all start it through here.
import { mkdirSync } from 'node:fs';
import { createServer, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { operationsOf } from '@groupchat/api';
import {
  type CoreDeps,
  createLocalMediaStore,
  createS3MediaStore,
  type RunningReconciler,
  registerSystemSender,
  startReconciler,
} from '@groupchat/core';
import { connectDatabase, type Database } from '@groupchat/db';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@groupchat/db/embedded';
import type { RunningEmulator } from '@groupchat/rongcloud-emulator';
import type { Logger } from 'pino';
import { createApp, hardenServer } from './app.ts';
import type { Env } from './env.ts';
import { createMetrics } from './http/metrics.ts';
import { connectRongCloud } from './rongcloud.ts';
import { settingsFrom } from './settings.ts';

export interface ServiceOptions {
  env: Env;
  logger: Logger;
  /** Use this database instead of MONGODB_URI or the embedded one (tests give each file its own). */
  databaseUri?: string;
  /** For http.createServer, e.g. a short `connectionsCheckingInterval` so timeouts fire promptly in tests. */
  serverOptions?: ServerOptions;
}

export interface Service {
  deps: CoreDeps;
  db: Database;
  server: Server;
  mediaDir: string;
  /** The local RongCloud emulator, when no credentials were configured. */
  emulator?: RunningEmulator;
  embedded?: EmbeddedDatabase;
  /** Starts listening; resolves with the origin, e.g. http://127.0.0.1:3000 */
  listen(port: number, host: string): Promise<string>;
  /** Stops the reconciler after its current pass; `resumeReconciler` starts it again. */
  pauseReconciler(): Promise<void>;
  resumeReconciler(): void;
  /**
   * Refuses new requests, lets those in flight finish, then stops the reconciler and releases the database, the
   * emulator and the embedded database, in that order.
   */
  stop(): Promise<void>;
}

export async function buildService({
  env,
  logger,
  databaseUri,
  serverOptions,
}: ServiceOptions): Promise<Service> {
  const settings = settingsFrom(env);
  let embedded: EmbeddedDatabase | undefined;
  let uri = databaseUri ?? env.MONGODB_URI;
  if (!uri) {
    const dataDir = resolve(env.DATA_DIR);
    embedded = await startEmbeddedDatabase({ dataDir });
    uri = `${embedded.uri}/groupchat`;
    logger.info({ kind: embedded.kind, dataDir }, 'embedded database started');
  }
  const db = await connectDatabase(uri, { monitorCommands: env.DB_COMMAND_METRICS });
  const metrics = createMetrics(operationsOf().map((operation) => operation.name));
  if (env.DB_COMMAND_METRICS) metrics.countCommands(db);
  const rongCloud = await connectRongCloud(env, {
    logger: logger.child({ component: 'rongcloud' }),
    fetch: metrics.countingFetch(),
  });
  if (settings.mediaStore.kind === 'local') mkdirSync(settings.mediaStore.dir, { recursive: true });
  const deps: CoreDeps = {
    db,
    media:
      settings.mediaStore.kind === 's3'
        ? createS3MediaStore(settings.mediaStore)
        : createLocalMediaStore(settings.mediaStore.dir),
    rongcloud: rongCloud.deps,
    settings: settings.core,
  };
  const { app, startDraining } = createApp({ deps, settings: settings.app, logger, metrics });
  const reconcilerLog = logger.child({ component: 'reconciler' });
  const startReconciling = (): RunningReconciler =>
    startReconciler(deps, settings.reconciler, (outcome) => {
      if (outcome instanceof Error) reconcilerLog.warn({ err: outcome }, 'reconciler pass failed');
      else if (outcome.repaired + outcome.failed > 0) reconcilerLog.info(outcome, 'reconciler pass');
    });
  let reconciler = startReconciling();
  const stopping = new AbortController();
  void registerSystemSender(deps, stopping.signal);
  // Node answers an HTTP/1.1 request without Host with an empty 400 of its own; checkRequestOrigin (app.ts) refuses
  // it in the envelope instead.
  const server = createServer({ requireHostHeader: false, ...serverOptions }, app);
  hardenServer(server, {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
  });

  return {
    deps,
    db,
    server,
    mediaDir: settings.app.mediaDir,
    emulator: rongCloud.emulator,
    embedded,
    listen: (port, host) =>
      new Promise((ready, fail) => {
        server.once('error', fail);
        server.listen(port, host, () => {
          server.off('error', fail);
          ready(`http://${host}:${(server.address() as AddressInfo).port}`);
        });
      }),
    pauseReconciler: () => reconciler.stop(),
    resumeReconciler: () => {
      reconciler = startReconciling();
    },
    async stop() {
      startDraining();
      stopping.abort();
      if (server.listening) await closeGracefully(server);
      await reconciler.stop();
      await db.close();
      await rongCloud.emulator?.close();
      await embedded?.stop();
    },
  };
}

function closeGracefully(server: Server): Promise<void> {
  return new Promise((done) => {
    // A keep-alive connection goes idle once its last request is answered; closed only once, close() would wait
    // for it until a keep-alive timeout (5 s) ends it.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    server.close(() => {
      clearInterval(closeIdle);
      done();
    });
    server.closeIdleConnections();
  });
}
