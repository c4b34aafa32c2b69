// Starts the real service (buildService, as src/index.ts does) on a free port against a fresh database of the
// run's embedded server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreDeps } from '@groupchat/core';
import type { Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import type { RunningEmulator } from '@groupchat/rongcloud-emulator';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { loadEnv } from '../src/env.ts';
import { buildService } from '../src/service.ts';

export interface TestServer {
  url: string;
  db: Database;
  deps: CoreDeps;
  mediaDir: string;
  /** The RongCloud emulator this server started (when the env names no RongCloud credentials). */
  emulator: RunningEmulator;
  /** Stops the reconciler after its current pass; `resumeReconciler` starts it again. */
  pauseReconciler(): Promise<void>;
  resumeReconciler(): void;
  close(): Promise<void>;
}

/** Settings every test server shares: cheap hashing, a RongCloud id prefix, a fast reconciler. */
export const TEST_ENV = {
  PASSWORD_HASH_COST: '10',
  RONGCLOUD_ID_PREFIX: 'T',
  RECONCILER_INTERVAL_MS: '150',
  RECONCILER_GRACE_MS: '300',
  RONGCLOUD_BACKOFF_BASE_MS: '200',
  RONGCLOUD_BACKOFF_MAX_MS: '1000',
  RONGCLOUD_LATE_APPLY_MS: '300',
  // Suites create and pull in far more than a person would in an hour; throttles.test.ts sets its own limits.
  GROUP_CREATES_PER_HOUR: '100000',
  PULL_INS_PER_HOUR: '100000',
  CODE_FAILURES_PER_HOUR: '100000',
};

export async function startTestServer(
  env: Record<string, string> = {},
  options: { databaseUri?: string } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupchat-server-test-'));
  const service = await buildService({
    env: loadEnv({ ...TEST_ENV, DATA_DIR: dataDir, ...env }),
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    databaseUri: options.databaseUri ?? testDatabaseUri(),
  });
  const url = await service.listen(0, '127.0.0.1');
  return {
    url,
    db: service.db,
    deps: service.deps,
    mediaDir: service.mediaDir,
    emulator: service.emulator!,
    pauseReconciler: service.pauseReconciler,
    resumeReconciler: service.resumeReconciler,
    async close() {
      service.server.closeAllConnections();
      if (!options.databaseUri) await service.db.connection.dropDatabase();
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a server before a file's tests and closes it after them; the returned object forwards to it, so tests can
 * hold it at module level.
 */
export function useStarted<T extends { close(): Promise<void> }>(start: () => Promise<T>): T {
  let server: T | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
  });
  return new Proxy({} as T, {
    get(_, property) {
      if (!server) throw new Error('the test server is available inside tests only');
      const value = server[property as keyof T];
      return typeof value === 'function' ? value.bind(server) : value;
    },
  });
}

/** One server per test file. */
export const useTestServer = (env: Record<string, string> = {}): TestServer =>
  useStarted(() => startTestServer(env));

let phoneCounter = 0;
/** A fresh valid phone number per call within a test file. */
export const newPhone = () =>
  `139${String(process.pid % 1000).padStart(3, '0')}${String(++phoneCounter).padStart(5, '0')}`;

export async function registerUser(url: string, extra: Record<string, string> = {}) {
  const username = newPhone();
  const res = await fetch(`${url}/api/auth/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'correct horse', ...extra }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: number; token: string };
  return { id: body.id, username, token: body.token, auth: { authorization: `Token ${body.token}` } };
}

/** One request as `user` (anonymous without one), with a JSON body when given. */
export const requestAs = (
  url: string,
  method: string,
  path: string,
  user?: { auth: object },
  body?: unknown,
) =>
  fetch(`${url}${path}`, {
    method,
    headers: { ...(user?.auth ?? {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

/** Polls until `check` stops throwing, or fails with its last error after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
