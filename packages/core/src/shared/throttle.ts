// Sliding-window throttling shared by all instances through MongoDB: record failures, refuse past the limit.

import { AppError } from './app-error.ts';
import type { CoreDeps } from './deps.ts';
import { currentTime } from './deps.ts';

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

/** Throws `throttled` with Retry-After when `key` has used up its failures in the window. */
export async function assertNotThrottled(deps: CoreDeps, key: string, rule: ThrottleRule): Promise<void> {
  const now = currentTime(deps);
  const since = new Date(now.getTime() - rule.windowMs);
  const recent = await deps.db.throttleEvents
    .find({ key, at: { $gt: since } }, { at: 1 })
    .sort({ at: 1 })
    .limit(rule.maxFailures)
    .lean();
  if (recent.length < rule.maxFailures) return;
  const oldest = recent[0]!.at.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000));
  throw new AppError('throttled', { retryAfterSeconds });
}

export async function recordFailure(deps: CoreDeps, key: string): Promise<void> {
  await deps.db.throttleEvents.create({ key, at: currentTime(deps) });
}

export async function clearFailures(deps: CoreDeps, key: string): Promise<void> {
  await deps.db.throttleEvents.deleteMany({ key });
}
