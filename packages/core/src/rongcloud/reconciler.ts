// The reconciler: repairs every target still out of step, with backoff, on any number of instances. A repair
// claims the target in its own document (sync-state.ts), so each happens once; the marks live in MongoDB, so a
// restart loses nothing.
import type { GroupDoc, SyncTargetKind, UserDoc } from '@groupchat/db';
import { settleOwnership } from '../groups/membership.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { applyUserProfile, applyWholeGroup } from './apply.ts';
import type { MirrorContext } from './sync.ts';
import {
  claimForRepair,
  emptyLedger,
  holdForBackoff,
  leaseFree,
  markAgain,
  releaseHold,
} from './sync-state.ts';
import { groupTarget, modelOf, type SyncTarget, userTarget } from './sync-target.ts';

export interface ReconcilerOptions {
  /** Pause between passes. */
  intervalMs: number;
  /** Targets out of step for less than this belong to requests still mirroring them. */
  graceMs: number;
  /** Targets repaired per pass. */
  batchSize: number;
  /** Portrait URLs of users whose marks carry no origin. */
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
  const now = currentTime(deps);
  const due = { 'sync.pendingSince': { $lte: new Date(now.getTime() - options.graceMs) }, ...leaseFree(now) };
  const oldestDue = (kind: SyncTargetKind) =>
    modelOf(deps, kind)
      .find(due, { _id: 1 })
      .sort({ 'sync.pendingSince': 1 })
      .limit(options.batchSize)
      .lean();
  const [groups, users] = await Promise.all([oldestDue('group'), oldestDue('user')]);
  const targets: SyncTarget[] = [
    ...groups.map((group) => groupTarget(group._id)),
    ...users.map((user) => userTarget(user._id)),
  ].slice(0, options.batchSize);
  for (const target of targets) {
    if (stop?.aborted) break;
    report[await repair(deps, target, options, stop)]++;
  }
  return report;
}

async function repair(
  deps: CoreDeps,
  target: SyncTarget,
  options: ReconcilerOptions,
  stop?: AbortSignal,
): Promise<keyof PassReport> {
  const claimed = await claimForRepair(deps, target);
  // Another instance took it, or repaired it, between our listing and our claim.
  if (!claimed?.hold) return 'skipped';
  const { hold } = claimed;
  const deadline = AbortSignal.timeout(deps.rongcloud.leaseTtlMs / 2);
  const context: MirrorContext = {
    signal: stop ? AbortSignal.any([deadline, stop]) : deadline,
    notices: emptyLedger(),
  };
  try {
    if (target.kind === 'group') {
      // A remover that died before settling left the group without an owner among its members.
      const group =
        (await settleOwnership(deps, target.id, claimed.doc as GroupDoc)) ?? (claimed.doc as GroupDoc);
      await applyWholeGroup(deps, group, context);
    } else {
      const user = claimed.doc as UserDoc;
      await applyUserProfile(deps, user, user.sync?.baseUrl ?? options.fallbackBaseUrl, context);
    }
  } catch {
    if ((await holdForBackoff(deps, hold, context.notices)) === 'lost')
      await markAgain(deps, target, context.notices);
    return 'failed';
  }
  if ((await releaseHold(deps, hold, context.notices, true)) === 'lost')
    await markAgain(deps, target, context.notices);
  return 'repaired';
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
