// The reconciler: repairs every target that still has outbox events, with backoff, on any number of instances.
// Leases make each repair happen once; the events live in MongoDB, so a restart loses nothing.
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { applyUserProfile, applyWholeGroup } from './apply.ts';
import { runUnderLease } from './lease.ts';
import { leaseKey, type SyncTarget } from './sync-target.ts';

export interface ReconcilerOptions {
  /** Pause between passes. */
  intervalMs: number;
  /** Events younger than this belong to requests still mirroring them. */
  graceMs: number;
  /** Targets repaired per pass. */
  batchSize: number;
  /** Portrait URLs of users whose events carry no origin. */
  fallbackBaseUrl: string;
}

export interface PassReport {
  repaired: number;
  failed: number;
  skipped: number;
}

/** `stop` ends the pass early: no further target is taken, and the repair under way is aborted. */
export async function reconcileOnce(
  deps: CoreDeps,
  options: ReconcilerOptions,
  stop?: AbortSignal,
): Promise<PassReport> {
  const report: PassReport = { repaired: 0, failed: 0, skipped: 0 };
  const cutoff = new Date(currentTime(deps).getTime() - options.graceMs);
  const events = await deps.db.rongCloudOutbox
    .find({ createdAt: { $lte: cutoff } }, { kind: 1, targetId: 1 })
    .sort({ createdAt: 1 })
    .limit(options.batchSize * 20)
    .lean();
  const targets = new Map<string, SyncTarget>();
  for (const event of events) {
    const target = { kind: event.kind, id: event.targetId };
    if (targets.size < options.batchSize) targets.set(leaseKey(target), target);
  }
  for (const target of targets.values()) {
    if (stop?.aborted) break;
    const outcome = await repair(deps, target, options, stop);
    report[outcome]++;
  }
  return report;
}

async function repair(
  deps: CoreDeps,
  target: SyncTarget,
  options: ReconcilerOptions,
  stop?: AbortSignal,
): Promise<keyof PassReport> {
  const outcome = await runUnderLease(deps, target, async () => {
    const { rongcloud, db } = deps;
    // Taken before reading the state: these events are all settled by a repair that reads the state afterwards.
    const settled = await db.rongCloudOutbox
      .find({ kind: target.kind, targetId: target.id }, { baseUrl: 1 })
      .sort({ createdAt: -1 })
      .lean();
    // Another instance repaired it between our listing and our lease: nothing left to do, and nothing to repeat.
    if (settled.length === 0) return 'skipped';
    try {
      const deadline = AbortSignal.timeout(rongcloud.leaseTtlMs / 2);
      const signal = stop ? AbortSignal.any([deadline, stop]) : deadline;
      if (target.kind === 'group') await applyWholeGroup(deps, target.id, signal);
      else
        await applyUserProfile(
          deps,
          target.id,
          settled.find((e) => e.baseUrl)?.baseUrl ?? options.fallbackBaseUrl,
          signal,
        );
    } catch {
      return 'failed';
    }
    await db.rongCloudOutbox.deleteMany({ _id: { $in: settled.map((event) => event._id) } });
    return 'repaired';
  });
  return outcome === 'busy' ? 'skipped' : outcome;
}

export interface RunningReconciler {
  stop(): Promise<void>;
}

/** Runs passes until stopped; a pass that throws (database down) is logged and the next one still comes. */
export function startReconciler(
  deps: CoreDeps,
  options: ReconcilerOptions,
  onPass: (report: PassReport | Error) => void = () => {},
): RunningReconciler {
  let stopped = false;
  // Shutdown must not wait for a whole pass of slow repairs: the process has seconds to exit.
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const pass = async () => {
    try {
      onPass(await reconcileOnce(deps, options, stopping.signal));
    } catch (error) {
      onPass(error as Error);
    }
    if (!stopped) timer = setTimeout(() => (current = pass()), options.intervalMs);
  };
  timer = setTimeout(() => (current = pass()), options.intervalMs);
  return {
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await current;
    },
  };
}
