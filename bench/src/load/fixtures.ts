// What the load generator needs from the seeded dataset, sent once to the load worker: tokens and the pools the
// endpoints draw from. Write pools are consumed in order and never reused, so every join and quit is a fresh one.
import type { SeedPlan } from '../dataset/seed-plan.ts';

export interface Fixtures {
  /** API token by user id (index 0 unused). */
  tokens: string[];
  readers: number[];
  creators: number[];
  retrieveIds: number[];
  bigGroupId: number;
  bigGroupPages: number;
  joinPairs: SeedPlan['joinPairs'];
  largeJoinPairs: SeedPlan['largeJoinPairs'];
  quitPairs: SeedPlan['quitPairs'];
  kickTriples: SeedPlan['kickTriples'];
  /** A small PNG, base64, for "create with a cover". */
  coverPngBase64: string;
}
