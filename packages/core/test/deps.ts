// Services under test get the real embedded database and a media store in a temporary directory.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTestDatabase } from '@groupchat/db/testing';
import { type CoreDeps, createLocalMediaStore } from '../src/index.ts';

export function useCoreDeps(overrides: Partial<CoreDeps> = {}): CoreDeps {
  const database = useTestDatabase();
  const media = createLocalMediaStore(mkdtempSync(join(tmpdir(), 'core-media-')));
  const settings = {
    passwordHashCost: 10,
    faceToFaceCodeTtlMs: 3_600_000,
    loginThrottle: { maxFailures: 3, windowMs: 60_000 },
    media: { maxUploadBytes: 1024 * 1024, maxDimension: 512, maxInputPixels: 4_000_000 },
  };
  return {
    get db() {
      return database.db;
    },
    media,
    settings,
    ...overrides,
  };
}
