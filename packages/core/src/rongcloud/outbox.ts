// Makes every change reach RongCloud eventually, without transactions. The steps, and why each is there:
// 1. An outbox event is written before the change is committed, so a crash right after the commit still leaves
//    the target marked.
// 2. After the commit, under the target's lease, the mirror sends RongCloud the current state within the deadline.
// 3. Success removes that event (or, if a repair consumed it meanwhile, writes a fresh one). Otherwise (RongCloud failing, or another instance holding the lease) a fresh event
//    is written after the commit: a repair that read the state before this commit may already have consumed the
//    first event, and must not consume the last mark of this change. With the database unreachable at that point,
//    the fresh event is written in the background as soon as it answers again.
import type { Types } from 'mongoose';
import { AppError } from '../shared/app-error.ts';
import { isDatabaseUnreachable } from '../shared/database-unreachable.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { runUnderLease } from './lease.ts';
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
  try {
    const confirmed = await mirrorUnderLease(deps, target, mirror);
    // A repair that ran during this change consumed the event and may have recounted the group before the change
    // was complete (docs/data-model.md): a fresh event makes a later repair look again.
    const consumed =
      confirmed && (await deps.db.rongCloudOutbox.deleteOne({ _id: intent })).deletedCount === 0;
    if (!confirmed || consumed) await markOutOfStep(deps, target, options.baseUrl);
  } catch (error) {
    // Committed, but the database went away before RongCloud confirmed the change or the fresh event was written,
    // and the first event may be consumed already (3.): write the fresh one once the database answers again.
    if (isDatabaseUnreachable(error)) markWhenReachable(deps, target, options.baseUrl);
    throw error;
  }
  return result;
}

// Retries while this process lives, for about five minutes; a crash in that time is the window that remains.
const REMARK_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 60_000, 60_000, 60_000];

function markWhenReachable(
  deps: CoreDeps,
  target: SyncTarget,
  baseUrl: string | undefined,
  attempt = 0,
): void {
  const delay = REMARK_DELAYS_MS[attempt];
  if (delay === undefined) return;
  setTimeout(() => {
    markOutOfStep(deps, target, baseUrl).catch(() => markWhenReachable(deps, target, baseUrl, attempt + 1));
  }, delay).unref();
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
async function mirrorUnderLease(deps: CoreDeps, target: SyncTarget, mirror: Mirror): Promise<boolean> {
  const outcome = await runUnderLease(deps, target, async () => {
    try {
      await mirror(AbortSignal.timeout(deps.rongcloud.requestDeadlineMs));
      return 'done';
    } catch (error) {
      // The hold could not be written either: the lease expires by itself, and the caller marks the target again
      // once the database answers.
      if (isDatabaseUnreachable(error)) throw error;
      return 'failed';
    }
  });
  return outcome === 'done';
}

/**
 * Targets with pending events, and the notices waiting in those groups: a notice leaves its queue before its
 * group's last event is cleared, so no group without events holds one.
 */
export async function countOutOfStep(
  deps: CoreDeps,
): Promise<{ groups: number; users: number; notices: number }> {
  const [groups, users] = await Promise.all([
    deps.db.rongCloudOutbox.distinct('targetId', { kind: 'group' }),
    deps.db.rongCloudOutbox.distinct('targetId', { kind: 'user' }),
  ]);
  const queued =
    groups.length === 0
      ? []
      : await deps.db.groups
          .find({ _id: { $in: groups } }, { notices: 1 })
          .lean<Array<{ notices?: unknown[] }>>();
  const notices = queued.reduce((sum, group) => sum + (group.notices?.length ?? 0), 0);
  return { groups: groups.length, users: users.length, notices };
}
