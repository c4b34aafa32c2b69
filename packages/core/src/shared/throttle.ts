// Sliding-window throttling shared by all instances through MongoDB: record failures, refuse past the limit.

import type { Types } from 'mongoose';
import { AppError } from './app-error.ts';
import type { CoreDeps } from './deps.ts';
import { currentTime } from './deps.ts';

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
}

/** A key and the rule it is held to. */
export interface ThrottleCheck {
  key: string;
  rule: ThrottleRule;
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
 * `alsoCheck` keys are looked at in the same query and refuse the same way, without anything recorded at them.
 */
export async function recordAttempt(
  deps: CoreDeps,
  key: string,
  rule: ThrottleRule,
  alsoCheck: ThrottleCheck[] = [],
): Promise<Attempt> {
  const now = currentTime(deps);
  const own = await deps.db.throttleEvents.create({ key, at: now });
  const forget = async () => {
    await deps.db.throttleEvents.deleteOne({ _id: own._id });
  };
  const retryAfterSeconds = await exhausted(deps, [{ key, rule }, ...alsoCheck], now, own._id);
  if (retryAfterSeconds === undefined) return { forget };
  // A refused attempt is not a failure: it must not prolong the lockout.
  await forget();
  throw new AppError('throttled', { retryAfterSeconds });
}

/**
 * Throws `throttled` when any key used up its failures, recording nothing: for an attempt known to succeed, which
 * must still be refused while its key is locked (or the lockout would tell a right guess from a wrong one).
 */
export async function refuseIfThrottled(deps: CoreDeps, checks: ThrottleCheck[]): Promise<void> {
  const retryAfterSeconds = await exhausted(deps, checks, currentTime(deps));
  if (retryAfterSeconds !== undefined) throw new AppError('throttled', { retryAfterSeconds });
}

/** Seconds until the first exhausted key frees up, or undefined when none is; one query for every key. */
async function exhausted(
  deps: CoreDeps,
  checks: ThrottleCheck[],
  now: Date,
  own?: Types.ObjectId,
): Promise<number | undefined> {
  const widest = Math.max(...checks.map((check) => check.rule.windowMs));
  const single = checks.length === 1 ? checks[0] : undefined;
  let query = deps.db.throttleEvents
    .find(
      {
        key: single ? single.key : { $in: checks.map((check) => check.key) },
        at: { $gt: new Date(now.getTime() - widest) },
        ...(own ? { _id: { $ne: own } } : {}),
      },
      { key: 1, at: 1 },
    )
    .sort({ at: 1 });
  // Several keys share the query unbounded: each holds few events, refused attempts removing their own.
  if (single) query = query.limit(single.rule.maxFailures);
  const events = await query.lean();
  for (const { key, rule } of checks) {
    const since = now.getTime() - rule.windowMs;
    const counted = events.filter((event) => event.key === key && event.at.getTime() > since);
    if (counted.length < rule.maxFailures) continue;
    const oldest = counted[0]!.at.getTime();
    return Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000));
  }
  return undefined;
}

export async function clearFailures(deps: CoreDeps, key: string): Promise<void> {
  await deps.db.throttleEvents.deleteMany({ key });
}
