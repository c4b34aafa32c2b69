// Everything before the first load: emulator, database, seeded data, query plans, the started stack, the checks.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase } from '@groupchat/db';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import type { BenchConfig } from '../config.ts';
import { explainQueries, type QueryPlanReport, readQueries } from '../dataset/query-plans.ts';
import { seedDatabase } from '../dataset/seed-database.ts';
import { BIG_GROUP_ID, planDataset } from '../dataset/seed-plan.ts';
import type { Fixtures } from '../load/fixtures.ts';
import { encodeGradientPng } from '../load/png.ts';
import { type Stack, startDatabaseOnly, startStack } from '../processes/stack.ts';

export interface PrepareOptions {
  repoRoot: string;
  config: BenchConfig;
  externalMongoUri?: string;
  baseEnv: Record<string, string | undefined>;
  withBaselines: boolean;
  serviceNodeFlags?: string[];
  /** See StackOptions.countCommands; on unless said otherwise. */
  countCommands?: boolean;
  progress(line: string): void;
}

export interface Prepared {
  stack: Stack;
  emulator: RunningEmulator;
  fixtures: Fixtures;
  dataDir: string;
  databaseUri: string;
  seed: { counts: Record<string, number>; seconds: number };
  queryPlans: QueryPlanReport[];
}

export async function prepare(options: PrepareOptions): Promise<Prepared> {
  const { config, progress } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'groupchat-bench-'));
  const appKey = 'bench-app-key';
  const appSecret = randomBytes(16).toString('hex');
  const emulator = await startEmulator({ appKey, appSecret, port: 0, rateLimits: { '*': 1_000_000 } });
  const rongCloud = { appKey, appSecret, url: emulator.url };
  const stackOptions = {
    repoRoot: options.repoRoot,
    dataDir,
    externalMongoUri: options.externalMongoUri,
    rongCloud,
    baseEnv: options.baseEnv,
    serviceNodeFlags: options.serviceNodeFlags,
    countCommands: options.countCommands ?? true,
    withBaselines: options.withBaselines,
  };
  const database = await startDatabaseOnly(stackOptions);
  progress(`database: ${database.kind}`);

  const plan = planDataset(config.dataset);
  const db = await connectDatabase(database.uri);
  // Same derivation as apps/server/src/rongcloud.ts, so the seeded RongCloud tokens count as cached.
  const credentialsTag = createHash('sha256').update(`${appKey}\n${appSecret}`).digest('hex').slice(0, 16);
  const seeded = await seedDatabase(db, plan, { credentialsTag });
  progress(`seeded ${JSON.stringify(seeded.counts)} in ${seeded.seconds.toFixed(1)} s`);
  const bigGroupOwner = plan.groups[BIG_GROUP_ID - 1]!.ownerId;
  const queryPlans = await explainQueries(
    db,
    readQueries(config.dataset.users, config.dataset.groups, bigGroupOwner),
  );
  await db.close();
  const scans = queryPlans.filter((query) => !query.usesIndex);
  progress(
    `query plans: ${queryPlans.length - scans.length} of ${queryPlans.length} read queries use an index` +
      (scans.length
        ? `; scans: ${scans.map((query) => `${query.description}${query.milliseconds === null ? '' : ` ${query.milliseconds} ms`}`).join(', ')}`
        : ''),
  );

  const fixtures: Fixtures = {
    tokens: seeded.tokens,
    readers: plan.readers,
    creators: plan.creators,
    retrieveIds: plan.retrieveIds,
    bigGroupId: BIG_GROUP_ID,
    bigGroupPages: Math.ceil(config.dataset.bigGroupMembers / 20),
    joinPairs: plan.joinPairs,
    largeJoinPairs: plan.largeJoinPairs,
    quitPairs: plan.quitPairs,
    kickTriples: plan.kickTriples,
    coverPngBase64: (await encodeGradientPng(64, 64)).toString('base64'),
  };
  const stack = await startStack(stackOptions, database);
  progress(`service ${stack.urlOf('rest')} (pid ${stack.service().pid})`);
  return {
    stack,
    emulator,
    fixtures,
    dataDir,
    databaseUri: database.uri,
    seed: { counts: seeded.counts, seconds: seeded.seconds },
    queryPlans,
  };
}
