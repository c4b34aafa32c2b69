// Services under test get the real embedded database, an emulated RongCloud and media in a temporary directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@groupchat/db/testing';
import { afterAll, beforeAll } from 'vitest';
import { type CoreDeps, createLocalMediaStore } from '../src/index.ts';
import { type EmulatedRongCloud, startEmulatedRongCloud, TEST_SETTINGS } from '../src/testing.ts';

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
