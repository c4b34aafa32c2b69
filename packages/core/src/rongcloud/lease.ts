// Per-target leases in MongoDB, so that among all instances exactly one talks to RongCloud about a target at a time.
// A claim takes the target's one lease document if it has expired, counting up its epoch; releasing or backing off
// only updates the holder's own epoch, so a holder that overstayed its lease cannot release a successor's.
import { isDuplicateKeyError } from '@groupchat/db';
import { computeBackoffDelay } from '@groupchat/rongcloud';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { leaseKey, type SyncTarget } from './sync-target.ts';

interface Lease {
  target: SyncTarget;
  epoch: number;
  /** Failed repairs in a row before this claim. */
  failures: number;
}

const BACKOFF_HOLDER = 'backoff';

/**
 * The one way to talk to RongCloud about a target: claim its lease, run `work`, then hold the target for a backoff
 * when `work` says its call 'failed', or release it on any other outcome. 'busy' when another instance holds the
 * target (or a backoff does). When `work` throws (the database unreachable), nothing more is written: the lease
 * expires by itself.
 */
export async function runUnderLease<Outcome extends string>(
  deps: CoreDeps,
  target: SyncTarget,
  work: () => Promise<Outcome | 'failed'>,
): Promise<Outcome | 'failed' | 'busy'> {
  const { rongcloud } = deps;
  const lease = await claimLease(deps, target, rongcloud.leaseTtlMs);
  if (!lease) return 'busy';
  const outcome = await work();
  if (outcome === 'failed') {
    const delay = computeBackoffDelay(lease.failures, rongcloud.backoffBaseMs, rongcloud.backoffMaxMs);
    await holdForBackoff(deps, lease, delay);
  } else {
    await releaseLease(deps, lease);
  }
  return outcome;
}

async function claimLease(deps: CoreDeps, target: SyncTarget, ttlMs: number): Promise<Lease | null> {
  const now = currentTime(deps);
  try {
    // Matches only an expired lease; a live one leaves the upsert to insert a second `_id`, which the unique
    // `_id` refuses: of concurrent claimers exactly one gets the target, in one command.
    const previous = await deps.db.rongCloudLeases
      .findOneAndUpdate(
        { _id: leaseKey(target), expiresAt: { $lte: now } },
        {
          $set: { holder: deps.rongcloud.instanceId, expiresAt: new Date(now.getTime() + ttlMs) },
          $inc: { epoch: 1 },
          $setOnInsert: { failures: 0 },
        },
        { upsert: true, returnDocument: 'before' },
      )
      .lean();
    return { target, epoch: (previous?.epoch ?? 0) + 1, failures: previous?.failures ?? 0 };
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
}

async function releaseLease(deps: CoreDeps, lease: Lease): Promise<void> {
  await updateOwn(deps, lease, { expiresAt: currentTime(deps), failures: 0 });
}

/**
 * After a failed call: turns our lease into a hold nobody can claim before `delayMs`, nor before a call we gave up
 * on can have landed (`lateApplyMs`), remembering how many repairs failed in a row.
 */
async function holdForBackoff(deps: CoreDeps, lease: Lease, delayMs: number): Promise<void> {
  const holdMs = Math.max(delayMs, deps.rongcloud.lateApplyMs);
  const expiresAt = new Date(currentTime(deps).getTime() + holdMs);
  await updateOwn(deps, lease, { holder: BACKOFF_HOLDER, expiresAt, failures: lease.failures + 1 });
}

async function updateOwn(deps: CoreDeps, lease: Lease, changes: Record<string, unknown>) {
  await deps.db.rongCloudLeases.updateOne(
    { _id: leaseKey(lease.target), epoch: lease.epoch, holder: deps.rongcloud.instanceId },
    { $set: changes },
  );
}
