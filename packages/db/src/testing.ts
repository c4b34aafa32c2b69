// Test helpers: a fresh database per test file on the run's embedded server (see global-setup.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { commandLabel, onCommand } from './command-monitor.ts';
import { connectDatabase, type Database } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

export function testDatabaseUri(): string {
  return `${inject('mongoUri')}/t_${randomBytes(6).toString('hex')}`;
}

/** Connects a fresh database before the file's tests and drops it after them. */
export function useTestDatabase(): { readonly db: Database; readonly uri: string } {
  const state = { db: undefined as Database | undefined, uri: testDatabaseUri() };
  beforeAll(async () => {
    state.db = await connectDatabase(state.uri);
  });
  afterAll(async () => {
    await state.db?.connection.dropDatabase();
    await state.db?.close();
  });
  return {
    get db() {
      if (!state.db) throw new Error('useTestDatabase: the database is available inside tests only');
      return state.db;
    },
    uri: state.uri,
  };
}

/**
 * The commands `action` sends through `db` (connected with `monitorCommands`), as `find groups`-style labels in the
 * order they started. Counts everything on the connection meanwhile: keep background work (the reconciler) paused.
 */
export async function commandsSentBy<T>(
  db: Database,
  action: () => Promise<T>,
): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  const stop = onCommand(db.connection, (command) => commands.push(commandLabel(command)));
  try {
    return { result: await action(), commands };
  } finally {
    stop();
  }
}
