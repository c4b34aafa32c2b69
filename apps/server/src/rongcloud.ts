// Connects core to RongCloud: the real service when credentials are configured, otherwise a local emulator
// started in this process (development and tests), so `npm start` needs no account anywhere.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createMessageRate, type RongCloudDeps } from '@groupchat/core';
import { createRongCloudClient, RONGCLOUD_DOMAINS, type RongCloudLogger } from '@groupchat/rongcloud';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import type { Env } from './env.ts';

export interface RongCloudConnection {
  deps: RongCloudDeps;
  /** The local emulator, when no credentials were configured. */
  emulator?: RunningEmulator;
}

export async function connectRongCloud(
  env: Env,
  options: { logger?: RongCloudLogger; fetch?: typeof fetch } = {},
): Promise<RongCloudConnection> {
  let emulator: RunningEmulator | undefined;
  let appKey = env.RONGCLOUD_APP_KEY;
  let appSecret = env.RONGCLOUD_APP_SECRET;
  let baseUrls = env.RONGCLOUD_API_URL ?? RONGCLOUD_DOMAINS.beijing;
  if (!appKey || !appSecret) {
    appKey = 'local-emulator';
    appSecret = randomBytes(16).toString('hex');
    emulator = await startEmulator({ appKey, appSecret, port: env.RONGCLOUD_EMULATOR_PORT ?? 0 });
    baseUrls = [emulator.url];
  }
  const client = createRongCloudClient({
    appKey,
    appSecret,
    baseUrls,
    timeoutMs: env.RONGCLOUD_REQUEST_DEADLINE_MS,
    maxRetries: 2,
    logger: options.logger,
    fetch: options.fetch,
  });
  return {
    deps: {
      client,
      idPrefix: env.RONGCLOUD_ID_PREFIX,
      credentialsTag: createHash('sha256').update(`${appKey}\n${appSecret}`).digest('hex').slice(0, 16),
      requestDeadlineMs: env.RONGCLOUD_REQUEST_DEADLINE_MS,
      instanceId: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      leaseTtlMs: env.RONGCLOUD_LEASE_TTL_MS,
      backoffBaseMs: env.RONGCLOUD_BACKOFF_BASE_MS,
      backoffMaxMs: env.RONGCLOUD_BACKOFF_MAX_MS,
      lateApplyMs: env.RONGCLOUD_LATE_APPLY_MS,
      systemUserId: `${env.RONGCLOUD_ID_PREFIX}${env.RONGCLOUD_SYSTEM_USER_ID}`,
      messageRate: createMessageRate(env.RONGCLOUD_MESSAGES_PER_SECOND),
    },
    emulator,
  };
}
