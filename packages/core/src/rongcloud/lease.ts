// Per-target leases in MongoDB, so that among all instances exactly one talks to RongCloud about a target at a time.
// A lease is claimed by inserting under a unique _id (atomic on MongoDB and on FerretDB); an expired one is taken
// over by deleting exactly that expired document first. After a failed repair the lease stays as a backoff hold.
import { isDuplicateKeyError } from '@groupchat/db';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { leaseKey, type SyncTarget } from './sync-target.ts';

const BACKOFF_HOLDER = 'backoff';

export async function claimLease(
  deps: CoreDeps,
  target: SyncTarget,
  ttlMs: number,
): Promise<{ failures: number } | null> {
  const { rongCloudLeases } = deps.db;
  const _id = leaseKey(target);
  let failures = 0;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = currentTime(deps);
    try {
      await rongCloudLeases.create({
        _id,
        holder: deps.rongcloud.instanceId,
        expiresAt: new Date(now.getTime() + ttlMs),
        failures,
      });
      return { failures };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const current = await rongCloudLeases.findById(_id).lean();
    if (!current) continue;
    if (current.expiresAt > now) return null;
    failures = current.failures;
    const { deletedCount } = await rongCloudLeases.deleteOne({
      _id,
      holder: current.holder,
      expiresAt: current.expiresAt,
    });
    if (deletedCount !== 1) return null;
  }
  return null;
}

export async function releaseLease(deps: CoreDeps, target: SyncTarget): Promise<void> {
  await deps.db.rongCloudLeases.deleteOne({ _id: leaseKey(target), holder: deps.rongcloud.instanceId });
}

/** Turns our lease into a hold nobody can claim before `delayMs`, remembering how many repairs failed in a row. */
export async function holdForBackoff(deps: CoreDeps, target: SyncTarget, failures: number, delayMs: number) {
  await deps.db.rongCloudLeases.updateOne(
    { _id: leaseKey(target), holder: deps.rongcloud.instanceId },
    {
      $set: { holder: BACKOFF_HOLDER, failures, expiresAt: new Date(currentTime(deps).getTime() + delayMs) },
    },
  );
}

export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (Math.random() * step) / 2);
}
