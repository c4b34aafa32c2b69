// Starts one emulator per test file and resets it between tests.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from '../../src/index.ts';
import { APP_KEY, APP_SECRET } from './api-client.ts';

export function useEmulator(options: Partial<EmulatorOptions> = {}): { readonly current: RunningEmulator } {
  const holder: { current?: RunningEmulator } = {};
  beforeAll(async () => {
    holder.current = await startEmulator({ appKey: APP_KEY, appSecret: APP_SECRET, ...options });
  });
  afterEach(() => holder.current?.reset());
  afterAll(async () => holder.current?.close());
  return {
    get current(): RunningEmulator {
      if (!holder.current) throw new Error('emulator not started');
      return holder.current;
    },
  };
}
