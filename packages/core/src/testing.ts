// Test helpers: services on the real embedded database, RongCloud deps pointed at a fresh emulator (the only
// stand-in for an outside service), media in a temporary directory, and callers as the transports build them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@groupchat/db/testing';
import { createRongCloudClient } from '@groupchat/rongcloud';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll } from 'vitest';
import { authenticate } from './accounts/auth-tokens.ts';
import type { SignedInCaller } from './accounts/caller.ts';
import { createLocalMediaStore } from './media/media-store.ts';
import { createMessageRate } from './rongcloud/message-rate.ts';
import type { RongCloudDeps } from './rongcloud/rongcloud-deps.ts';
import type { CoreDeps, CoreSettings } from './shared/deps.ts';

/** Core settings for tests: cheap password hashing, small throttles. */
export const TEST_SETTINGS: CoreSettings = {
  passwordHashCost: 10,
  faceToFaceCodeTtlMs: 3_600_000,
  loginThrottle: { maxFailures: 3, windowMs: 60_000 },
  codeThrottle: { maxFailures: 3, windowMs: 60_000 },
  codeFailureThrottle: { maxFailures: 20, windowMs: 3_600_000 },
  createThrottle: { maxFailures: 1000, windowMs: 3_600_000 },
  pullInThrottle: { maxFailures: 1000, windowMs: 3_600_000 },
  memberPhone: 'masked',
  limits: { maxMembersPerGroup: 3000, maxGroupsPerUser: 1000, maxAdminsPerGroup: 10 },
  media: {
    maxUploadBytes: 1024 * 1024,
    maxDimension: 512,
    maxInputPixels: 4_000_000,
    maxAnimationPixels: 2_000_000,
    maxCpuMs: 200,
  },
};

export interface EmulatedRongCloud {
  deps: RongCloudDeps;
  emulator: RunningEmulator;
  close(): Promise<void>;
}

export async function startEmulatedRongCloud(
  options: { idPrefix?: string; requestDeadlineMs?: number } = {},
): Promise<EmulatedRongCloud> {
  const appKey = 'test-app-key';
  const appSecret = randomBytes(12).toString('hex');
  const emulator = await startEmulator({ appKey, appSecret, port: 0 });
  const client = createRongCloudClient({
    appKey,
    appSecret,
    baseUrls: [emulator.url],
    timeoutMs: 1_000,
    maxRetries: 1,
    retryBaseDelayMs: 10,
  });
  return {
    deps: {
      client,
      idPrefix: options.idPrefix ?? '',
      credentialsTag: `test-${appSecret.slice(0, 6)}`,
      requestDeadlineMs: options.requestDeadlineMs ?? 1_500,
      instanceId: `test-${randomBytes(4).toString('hex')}`,
      leaseTtlMs: 10_000,
      backoffBaseMs: 200,
      backoffMaxMs: 2_000,
      // No emulator fault here delays a call past its deadline.
      lateApplyMs: 0,
      systemUserId: `${options.idPrefix ?? ''}system`,
      messageRate: createMessageRate(20),
    },
    emulator,
    close: () => emulator.close(),
  };
}

/** Deps for one test file: a fresh database of the run's embedded server and an emulator of its own. */
export function useCoreDeps(
  overrides: Partial<CoreDeps> = {},
): CoreDeps & { readonly rongCloud: EmulatedRongCloud } {
  const database = useTestDatabase();
  const media = createLocalMediaStore(mkdtempSync(join(tmpdir(), 'core-media-')));
  let rongCloud: EmulatedRongCloud | undefined;
  beforeAll(async () => {
    rongCloud = await startEmulatedRongCloud({ idPrefix: 'T' });
  });
  afterAll(async () => {
    await rongCloud?.close();
  });
  return {
    get db() {
      return database.db;
    },
    get rongcloud() {
      return rongCloud!.deps;
    },
    get rongCloud() {
      return rongCloud!;
    },
    media,
    settings: TEST_SETTINGS,
    ...overrides,
  };
}

/** The caller a request with this API token makes. */
export async function callerWithToken(
  deps: CoreDeps,
  token: string,
  baseUrl = 'https://chat.example.com',
): Promise<SignedInCaller> {
  return { user: await authenticate(deps, token), token, baseUrl };
}
