// Starts the real app the way src/index.ts does (logger, RongCloud credentials, reconciler, hardened server), with
// the knobs security tests need: a captured log, short server timeouts, a RongCloud app whose secret is known.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type CoreDeps, createLocalMediaStore, startReconciler } from '@groupchat/core';
import { connectDatabase, type Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { type Logger, pino } from 'pino';
import { createApp, createMetrics, hardenServer } from '../../src/app.ts';
import { loadEnv } from '../../src/env.ts';
import { connectRongCloud } from '../../src/rongcloud.ts';
import { settingsFrom } from '../../src/settings.ts';
import { useStarted } from '../test-server.ts';

export interface SecurityServerOptions {
  /** Environment variables over the defaults; a function is read at start (e.g. for a URL known only then). */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Passed to http.createServer, e.g. a short `connectionsCheckingInterval` so timeouts fire promptly. */
  serverOptions?: ServerOptions;
  /** Keeps every log line (at `trace`) in memory instead of discarding them. */
  captureLogs?: boolean;
}

export interface SecurityServer {
  url: string;
  db: Database;
  deps: CoreDeps;
  mediaDir: string;
  emulator: RunningEmulator;
  /** The RongCloud credentials the service was given (as RONGCLOUD_APP_KEY / RONGCLOUD_APP_SECRET). */
  rongCloud: { appKey: string; appSecret: string };
  /** Everything logged so far (one JSON object per line); empty unless `captureLogs`. */
  logText(): string;
  close(): Promise<void>;
}

export async function startSecurityServer(options: SecurityServerOptions = {}): Promise<SecurityServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupchat-security-test-'));
  const rongCloud = { appKey: 'securityTestKey', appSecret: randomBytes(24).toString('hex') };
  const emulator = await startEmulator(rongCloud);
  const env = loadEnv({
    PASSWORD_HASH_COST: '10',
    DATA_DIR: dataDir,
    RONGCLOUD_APP_KEY: rongCloud.appKey,
    RONGCLOUD_APP_SECRET: rongCloud.appSecret,
    RONGCLOUD_API_URL: emulator.url,
    RONGCLOUD_ID_PREFIX: 'S',
    RECONCILER_INTERVAL_MS: '150',
    RECONCILER_GRACE_MS: '300',
    RONGCLOUD_BACKOFF_BASE_MS: '200',
    RONGCLOUD_BACKOFF_MAX_MS: '1000',
    ...(typeof options.env === 'function' ? options.env() : options.env),
  });
  const settings = settingsFrom(env);
  mkdirSync(settings.app.mediaDir, { recursive: true });
  const lines: string[] = [];
  const logger: Logger = options.captureLogs
    ? pino(
        { level: 'trace' },
        new Writable({
          write(chunk, _encoding, done) {
            lines.push(String(chunk));
            done();
          },
        }),
      )
    : pino({ level: 'silent' });
  const db = await connectDatabase(testDatabaseUri());
  const metrics = createMetrics();
  const connection = await connectRongCloud(env, {
    logger: logger.child({ component: 'rongcloud' }),
    fetch: metrics.countingFetch(),
  });
  const deps: CoreDeps = {
    db,
    media: createLocalMediaStore(settings.app.mediaDir),
    rongcloud: connection.deps,
    settings: settings.core,
  };
  const { app } = createApp({ deps, settings: settings.app, logger, metrics });
  const reconcilerLog = logger.child({ component: 'reconciler' });
  const reconciler = startReconciler(deps, settings.reconciler, (outcome) => {
    if (outcome instanceof Error) reconcilerLog.warn({ err: outcome }, 'reconciler pass failed');
    else if (outcome.repaired + outcome.failed > 0) reconcilerLog.info(outcome, 'reconciler pass');
  });
  const server = createServer(options.serverOptions ?? {}, app);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  hardenServer(server, {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    deps,
    mediaDir: settings.app.mediaDir,
    emulator,
    rongCloud,
    logText: () => lines.join(''),
    async close() {
      await reconciler.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
      await db.connection.dropDatabase();
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One server per test file, started before its tests and closed after them. */
export const useSecurityServer = (options: SecurityServerOptions = {}): SecurityServer =>
  useStarted(() => startSecurityServer(options));
