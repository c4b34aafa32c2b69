// Sliding-window throttling shared by all instances through MongoDB: record failures, refuse past the limit.

import { AppError } from './app-error.ts';
import type { CoreDeps } from './deps.ts';
import { currentTime } from './deps.ts';

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

export interface Attempt {
  /** The attempt succeeded: it no longer counts as a failure. */
  forget(): Promise<void>;
}

/**
 * Records an attempt at `key` before it is made, as a failure until `forget` is called, and throws `throttled`
 * with Retry-After when `key` already used up its failures in the window. Recording first is what holds the limit
 * against a burst of concurrent attempts: each one counts every attempt recorded before its own count, so at most
 * `maxFailures` of them get through (checking first, then recording, let every attempt of a burst through).
 */
export async function recordAttempt(deps: CoreDeps, key: string, rule: ThrottleRule): Promise<Attempt> {
  const now = currentTime(deps);
  const own = await deps.db.throttleEvents.create({ key, at: now });
  const forget = async () => {
    await deps.db.throttleEvents.deleteOne({ _id: own._id });
  };
  const since = new Date(now.getTime() - rule.windowMs);
  const others = await deps.db.throttleEvents
    .find({ key, at: { $gt: since }, _id: { $ne: own._id } }, { at: 1 })
    .sort({ at: 1 })
    .limit(rule.maxFailures)
    .lean();
  if (others.length < rule.maxFailures) return { forget };
  // A refused attempt is not a failure: it must not prolong the lockout.
  await forget();
  const oldest = others[0]!.at.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000));
  throw new AppError('throttled', { retryAfterSeconds });
}

export async function clearFailures(deps: CoreDeps, key: string): Promise<void> {
  await deps.db.throttleEvents.deleteMany({ key });
}
