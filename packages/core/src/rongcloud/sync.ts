// Makes every change reach RongCloud eventually, without transactions (decision 0015). The rules, and why each:
// 1. The target is marked (its `rev` counted up) before the change commits, by the same write that reads it and,
//    when nobody holds it, claims it: a crash right after the commit leaves the target out of step for a repair.
// 2. The holder sends RongCloud what its commit wrote, within the request's deadline. That is its own part of the
//    target only, so it confirms its `rev` only when the target was in step before its mark; a change marked
//    meanwhile makes the confirmation miss too, and the target stays out of step for the reconciler.
// 3. A change that found the target held commits, then marks it again: a repair that claimed it between the first
//    mark and the commit may have read the state before the commit, and confirms only the older `rev`. With the
//    database unreachable at that point, the mark is written in the background once it answers again.
// 4. A change that came to nothing (a refusal, or nothing to do) sends nothing; its holder confirms only when the
//    target was in step before its own mark. A refusal should come before the mark where it can (`where`): a
//    stranger's request must not hold the target.

import { OUT_OF_STEP } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import { isDatabaseUnreachable } from '../shared/database-unreachable.ts';
import type { CoreDeps } from '../shared/deps.ts';
import {
  emptyLedger,
  holdForBackoff,
  type Marked,
  markAgain,
  markForChange,
  type NoticeLedger,
  releaseHold,
} from './sync-state.ts';
import type { SyncTarget, TargetDoc } from './sync-target.ts';

export interface MirrorContext {
  signal: AbortSignal;
  /** Where the notices sent are recorded, to be pulled from the queue with the hold's release. */
  notices: NoticeLedger;
}

export interface SyncedChange<Doc extends TargetDoc, T> {
  target: SyncTarget;
  /** What the target must match for the change: unmatched, nothing is marked and `unmatched` answers. */
  where?: Record<string, unknown>;
  /** Answers when `where` matches nothing; by default the target is not found. */
  unmatched?: () => Promise<T>;
  /** The target was inserted already marked and held (a new group). */
  marked?: Marked<Doc>;
  /** The change, given the target as marked; throws an AppError to refuse. */
  commit: (marked: Doc) => Promise<T>;
  /** False when the commit changed nothing, which then sends nothing. */
  changed?: (result: T) => boolean;
  /** Sends RongCloud what the commit wrote. */
  mirror: (committed: T, context: MirrorContext) => Promise<void>;
  /** A user's public origin, for the portrait URL. */
  baseUrl?: string;
}

export async function withRongCloudSync<Doc extends TargetDoc, T>(
  deps: CoreDeps,
  change: SyncedChange<Doc, T>,
): Promise<T> {
  const { target } = change;
  const marked =
    change.marked ?? (await markForChange<Doc>(deps, target, change.where ?? {}, change.baseUrl));
  if (!marked) {
    if (change.unmatched) return change.unmatched();
    throw new AppError('not_found');
  }
  const { hold } = marked;
  let result: T;
  try {
    result = await change.commit(marked.doc);
  } catch (error) {
    // A refusal wrote nothing. A service_unavailable may come after a write (an owner never settled), and anything
    // else may have written part: the mark stays for a repair to check.
    const refused = error instanceof AppError && error.code !== 'service_unavailable';
    if (error instanceof AppError && hold)
      await releaseHold(deps, hold, emptyLedger(), refused && hold.wasInStep);
    throw error;
  }
  if (change.changed && !change.changed(result)) {
    if (hold) await releaseHold(deps, hold, emptyLedger(), hold.wasInStep);
    return result;
  }
  if (!hold) {
    await markAgainOrLater(deps, target);
    return result;
  }
  const notices = emptyLedger();
  let mirrored: boolean;
  try {
    await change.mirror(result, { signal: AbortSignal.timeout(deps.rongcloud.requestDeadlineMs), notices });
    mirrored = true;
  } catch (error) {
    // The hold cannot be ended either: it runs out by itself, and a repair then reads what was committed.
    if (isDatabaseUnreachable(error)) throw error;
    mirrored = false;
  }
  const outcome = mirrored
    ? await releaseHold(deps, hold, notices, hold.wasInStep)
    : await holdForBackoff(deps, hold, notices);
  if (outcome === 'lost') await markAgainOrLater(deps, target, notices);
  return result;
}

async function markAgainOrLater(deps: CoreDeps, target: SyncTarget, notices?: NoticeLedger): Promise<void> {
  try {
    await markAgain(deps, target, notices);
  } catch (error) {
    if (isDatabaseUnreachable(error)) markWhenReachable(deps, target);
    throw error;
  }
}

// Retries while this process lives, for about five minutes; a crash in that time is the window that remains.
const REMARK_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000];

function markWhenReachable(deps: CoreDeps, target: SyncTarget, attempt = 0): void {
  const delay = REMARK_DELAYS_MS[attempt];
  if (delay === undefined) return;
  setTimeout(() => {
    markAgain(deps, target).catch(() => markWhenReachable(deps, target, attempt + 1));
  }, delay).unref();
}

/**
 * Targets out of step, and the notices waiting in those groups: a notice leaves its queue no later than its
 * group's last mark is confirmed, so no group in step holds one.
 */
export async function countOutOfStep(
  deps: CoreDeps,
): Promise<{ groups: number; users: number; notices: number }> {
  const [groups, users] = await Promise.all([
    deps.db.groups.find(OUT_OF_STEP, { notices: 1 }).lean<Array<{ notices?: unknown[] }>>(),
    deps.db.users.countDocuments(OUT_OF_STEP),
  ]);
  const notices = groups.reduce((sum, group) => sum + (group.notices?.length ?? 0), 0);
  return { groups: groups.length, users, notices };
}
