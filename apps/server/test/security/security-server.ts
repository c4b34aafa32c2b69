// Starts the real service (buildService, as src/index.ts does) with the knobs security tests need: a captured
// log, short server timeouts, a RongCloud app whose secret is known.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerOptions } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CoreDeps } from '@groupchat/core';
import type { Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { type Logger, pino } from 'pino';
import { loadEnv } from '../../src/env.ts';
import { buildService } from '../../src/service.ts';
import { TEST_ENV, useStarted } from '../test-server.ts';

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
    ...TEST_ENV,
    DATA_DIR: dataDir,
    RONGCLOUD_APP_KEY: rongCloud.appKey,
    RONGCLOUD_APP_SECRET: rongCloud.appSecret,
    RONGCLOUD_API_URL: emulator.url,
    RONGCLOUD_ID_PREFIX: 'S',
    RONGCLOUD_LATE_APPLY_MS: '30000',
    ...(typeof options.env === 'function' ? options.env() : options.env),
  });
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
  const service = await buildService({
    env,
    logger,
    databaseUri: testDatabaseUri(),
    serverOptions: options.serverOptions,
  });
  const url = await service.listen(0, '127.0.0.1');
  return {
    url,
    db: service.db,
    deps: service.deps,
    mediaDir: service.mediaDir,
    emulator,
    rongCloud,
    logText: () => lines.join(''),
    async close() {
      service.server.closeAllConnections();
      await service.db.connection.dropDatabase();
      await service.stop();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One server per test file, started before its tests and closed after them. */
export const useSecurityServer = (options: SecurityServerOptions = {}): SecurityServer =>
  useStarted(() => startSecurityServer(options));
