// Makes every change reach RongCloud eventually, without transactions. The steps, and why each is there:
// 1. An outbox event is written before the change is committed, so a crash right after the commit still leaves
//    the target marked.
// 2. After the commit, under the target's lease, the mirror sends RongCloud the current state within the deadline.
// 3. Success removes that event. Otherwise (RongCloud failing, or another instance holding the lease) a fresh event
//    is written after the commit: a repair that read the state before this commit may already have consumed the
//    first event, and must not consume the last mark of this change.
import type { Types } from 'mongoose';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { backoffDelay, claimLease, holdForBackoff, releaseLease } from './lease.ts';
import type { SyncTarget } from './sync-target.ts';

export type Mirror = (signal: AbortSignal) => Promise<void>;

export async function withRongCloudSync<T>(
  deps: CoreDeps,
  target: SyncTarget,
  commit: () => Promise<T>,
  mirror: Mirror,
  options: { baseUrl?: string } = {},
): Promise<T> {
  const intent = await markOutOfStep(deps, target, options.baseUrl);
  let result: T;
  try {
    result = await commit();
  } catch (error) {
    // A refusal wrote nothing; anything else may have written part, so the mark stays for a repair to check.
    if (error instanceof AppError) await deps.db.rongCloudOutbox.deleteOne({ _id: intent });
    throw error;
  }
  if (await mirrorUnderLease(deps, target, mirror)) {
    await deps.db.rongCloudOutbox.deleteOne({ _id: intent });
  } else {
    await markOutOfStep(deps, target, options.baseUrl);
  }
  return result;
}

async function markOutOfStep(deps: CoreDeps, target: SyncTarget, baseUrl?: string): Promise<Types.ObjectId> {
  const event = await deps.db.rongCloudOutbox.create({
    kind: target.kind,
    targetId: target.id,
    ...(baseUrl ? { baseUrl } : {}),
    createdAt: currentTime(deps),
  });
  return event._id;
}

/** True when RongCloud confirmed the current state of the target; false leaves the work to the reconciler. */
export async function mirrorUnderLease(deps: CoreDeps, target: SyncTarget, mirror: Mirror): Promise<boolean> {
  const { rongcloud } = deps;
  const lease = await claimLease(deps, target, rongcloud.leaseTtlMs);
  if (!lease) return false;
  try {
    await mirror(AbortSignal.timeout(rongcloud.requestDeadlineMs));
  } catch {
    const delay = backoffDelay(lease.failures + 1, rongcloud.backoffBaseMs, rongcloud.backoffMaxMs);
    await holdForBackoff(deps, lease, delay);
    return false;
  }
  await releaseLease(deps, lease);
  return true;
}

export async function countOutOfStep(deps: CoreDeps): Promise<{ groups: number; users: number }> {
  const [groups, users] = await Promise.all([
    deps.db.rongCloudOutbox.distinct('targetId', { kind: 'group' }),
    deps.db.rongCloudOutbox.distinct('targetId', { kind: 'user' }),
  ]);
  return { groups: groups.length, users: users.length };
}
