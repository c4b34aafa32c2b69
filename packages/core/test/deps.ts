// Services under test get the real embedded database, an emulated RongCloud and media in a temporary directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@groupchat/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { type CoreDeps, createLocalMediaStore } from '../src/index.ts';
import { type EmulatedRongCloud, startEmulatedRongCloud } from '../src/testing.ts';

export const TEST_SETTINGS = {
  passwordHashCost: 10,
  faceToFaceCodeTtlMs: 3_600_000,
  loginThrottle: { maxFailures: 3, windowMs: 60_000 },
  codeThrottle: { maxFailures: 3, windowMs: 60_000 },
  limits: { maxMembersPerGroup: 3000, maxGroupsPerUser: 1000 },
  media: { maxUploadBytes: 1024 * 1024, maxDimension: 512, maxInputPixels: 4_000_000 },
};

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
