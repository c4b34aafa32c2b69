// Test helper: RongCloud deps pointed at a fresh emulator, the only stand-in for the real service.
import { randomBytes } from 'node:crypto';
import { createRongCloudClient } from '@groupchat/rongcloud';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import type { RongCloudDeps } from './rongcloud/rongcloud-deps.ts';

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
    },
    emulator,
    close: () => emulator.close(),
  };
}
