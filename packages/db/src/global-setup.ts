// Vitest global setup: one embedded database per test run, in a temporary directory; each test file takes its own
// database in it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from './embedded.ts';
import type {} from './testing.ts';

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'groupchat-test-db-'));
  // On disk: in FerretDB's SQLite in-memory mode an update or findAndModify that finds a document hangs, even one.
  const database = await startEmbeddedDatabase({ dataDir });
  project.provide('mongoUri', database.uri);
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
