// The writes of a target's sync state (packages/db/src/models/sync-state.ts). Each is one conditional write on the
// target's own document, atomic on MongoDB and on our FerretDB build (decision 0006):
// - a change marks the target (`rev` up, `pendingSince` kept or set) and, when nobody holds it, claims it too;
// - a holder that sent RongCloud every change up to the `rev` it claimed with confirms that `rev`, which ends
//   `pendingSince` while nobody marked since, and otherwise records it in `syncedRev`;
// - a release, a backoff or a confirmation applies only to the holder's own epoch, so a holder that overstayed
//   its hold cannot end a successor's.
import type { GroupNoticeDoc } from '@groupchat/db';
import { computeBackoffDelay } from '@groupchat/rongcloud';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { modelOf, type SyncTarget, type TargetDoc } from './sync-target.ts';

export interface Hold {
  target: SyncTarget;
  epoch: number;
  /** The `rev` this holder may confirm: the state it sends was committed after that mark. */
  rev: number;
  failures: number;
  /** Nothing was out of step before this hold's own mark: a change that came to nothing may confirm it. */
  wasInStep: boolean;
}

export interface Marked<Doc extends TargetDoc = TargetDoc> {
  /** The target as the mark left it, its state before the change. */
  doc: Doc;
  /** Absent when another instance (or a backoff) holds the target. */
  hold?: Hold;
}

/** The notices a holder sent or dropped, pulled from the group's queue by the write that ends the hold. */
export interface NoticeLedger {
  sent: GroupNoticeDoc[];
  refused: GroupNoticeDoc[];
}

export const emptyLedger = (): NoticeLedger => ({ sent: [], refused: [] });

const BACKOFF_HOLDER = 'backoff';

/** Free: never held, released, or its hold has run out. */
export const leaseFree = (now: Date) => ({ 'sync.expiresAt': { $not: { $gt: now } } });

const heldBy = (deps: CoreDeps, hold: Hold) => ({
  _id: hold.target.id,
  'sync.epoch': hold.epoch,
  'sync.holder': deps.rongcloud.instanceId,
});

/** This instance as the target's holder until the hold runs out. */
const claimFields = (deps: CoreDeps, now: Date) => ({
  'sync.holder': deps.rongcloud.instanceId,
  'sync.expiresAt': new Date(now.getTime() + deps.rongcloud.leaseTtlMs),
});

/** The hold a claimed (or created) target's document describes. */
export function holdOf(target: SyncTarget, doc: TargetDoc): Hold {
  const sync = doc.sync!;
  return {
    target,
    epoch: sync.epoch,
    rev: sync.rev,
    failures: sync.failures ?? 0,
    wasInStep: (sync.syncedRev ?? 0) === sync.rev - 1,
  };
}

function markUpdate(now: Date, baseUrl: string | undefined) {
  return {
    $inc: { 'sync.rev': 1 },
    $min: { 'sync.pendingSince': now },
    ...(baseUrl ? { $set: { 'sync.baseUrl': baseUrl } } : {}),
  };
}

/**
 * Marks a change of the target, where it matches `where`, and claims it in the same write when it is free: one
 * command answers the target's current document, marks it and, mostly, makes this request its holder. When the
 * claim finds it held, a second write marks it alone. Null when `where` matches nothing (nothing is written).
 */
export async function markForChange<Doc extends TargetDoc>(
  deps: CoreDeps,
  target: SyncTarget,
  where: Record<string, unknown>,
  baseUrl?: string,
): Promise<Marked<Doc> | null> {
  const model = modelOf(deps, target.kind);
  const now = currentTime(deps);
  const mark = markUpdate(now, baseUrl);
  const claimed = await model
    .findOneAndUpdate(
      { _id: target.id, ...where, ...leaseFree(now) },
      {
        ...mark,
        $inc: { ...mark.$inc, 'sync.epoch': 1 },
        $set: { ...mark.$set, ...claimFields(deps, now) },
      },
      { returnDocument: 'after' },
    )
    .lean<Doc>();
  if (claimed) return { doc: claimed, hold: holdOf(target, claimed) };
  const marked = await model
    .findOneAndUpdate({ _id: target.id, ...where }, mark, { returnDocument: 'after' })
    .lean<Doc>();
  return marked ? { doc: marked } : null;
}

/** The sync state of a target inserted already held by its creator (create-group.ts). */
export function heldFromCreation(deps: CoreDeps, now: Date) {
  return {
    rev: 1,
    pendingSince: now,
    epoch: 1,
    holder: deps.rongcloud.instanceId,
    expiresAt: new Date(now.getTime() + deps.rongcloud.leaseTtlMs),
  };
}

/**
 * Marks the target once more after a change committed without a hold: a repair that claimed the target between
 * this change's first mark and its commit may have read the state before the commit, and confirms only a `rev`
 * older than this one.
 */
export async function markAgain(deps: CoreDeps, target: SyncTarget, ledger = emptyLedger()): Promise<void> {
  const mark = markUpdate(currentTime(deps), undefined);
  const pulled = ledgerUpdate(ledger);
  await modelOf(deps, target.kind).updateOne(
    { _id: target.id },
    { ...mark, ...pulled.$pullAll, $inc: { ...mark.$inc, ...pulled.$inc } },
  );
}

/** Takes a target for a repair: out of step and free. Null when another instance took it first. */
export async function claimForRepair<Doc extends TargetDoc>(
  deps: CoreDeps,
  target: SyncTarget,
): Promise<Marked<Doc> | null> {
  const now = currentTime(deps);
  const claimed = await modelOf(deps, target.kind)
    .findOneAndUpdate(
      { _id: target.id, 'sync.pendingSince': { $exists: true }, ...leaseFree(now) },
      { $inc: { 'sync.epoch': 1 }, $set: claimFields(deps, now) },
      { returnDocument: 'after' },
    )
    .lean<Doc>();
  return claimed ? { doc: claimed, hold: holdOf(target, claimed) } : null;
}

export type Released = 'released' | 'lost';

/**
 * Ends the hold. `throughRev`: RongCloud now holds every change up to the hold's `rev` — a repair that sent the whole
 * target, or a change that sent its own part of a target that was in step before it (`wasInStep`). Then, unless a
 * change marked the target since, it is in step again; if one did, `syncedRev` still records how far RongCloud is.
 * A change that sent only its own part of a target already out of step confirms nothing: the earlier changes it
 * did not send are the reconciler's. 'lost' when the hold had run out and was taken over: the caller marks again,
 * since the successor may have read the state before this holder's change.
 */
export async function releaseHold(
  deps: CoreDeps,
  hold: Hold,
  ledger: NoticeLedger,
  throughRev: boolean,
): Promise<Released> {
  const model = modelOf(deps, hold.target.kind);
  const pulled = ledgerUpdate(ledger);
  const free = { 'sync.holder': 1, 'sync.expiresAt': 1 };
  if (throughRev) {
    const confirmed = await model.updateOne(
      { ...heldBy(deps, hold), 'sync.rev': hold.rev },
      {
        $set: { 'sync.syncedRev': hold.rev, 'sync.failures': 0 },
        $unset: { ...free, 'sync.pendingSince': 1 },
        ...pulled.$pullAll,
        ...pulled.incOnly,
      },
    );
    if (confirmed.matchedCount > 0) return 'released';
  }
  const released = await model.updateOne(heldBy(deps, hold), {
    $set: { 'sync.failures': 0 },
    $unset: free,
    ...(throughRev ? { $max: { 'sync.syncedRev': hold.rev } } : {}),
    ...pulled.$pullAll,
    ...pulled.incOnly,
  });
  return released.matchedCount > 0 ? 'released' : 'lost';
}

/**
 * After a failed call: the hold becomes one nobody can claim before the backoff, nor before a call we gave up on
 * can have landed (`lateApplyMs`), counting the failures in a row.
 */
export async function holdForBackoff(deps: CoreDeps, hold: Hold, ledger: NoticeLedger): Promise<Released> {
  const { rongcloud } = deps;
  const delay = computeBackoffDelay(hold.failures, rongcloud.backoffBaseMs, rongcloud.backoffMaxMs);
  const expiresAt = new Date(currentTime(deps).getTime() + Math.max(delay, rongcloud.lateApplyMs));
  const pulled = ledgerUpdate(ledger);
  const held = await modelOf(deps, hold.target.kind).updateOne(heldBy(deps, hold), {
    $set: { 'sync.holder': BACKOFF_HOLDER, 'sync.expiresAt': expiresAt },
    $inc: { 'sync.failures': 1, ...pulled.$inc },
    ...pulled.$pullAll,
  });
  return held.matchedCount > 0 ? 'released' : 'lost';
}

// By value, exactly as read: FerretDB 1.x's $pull takes no query, only values (docs/ferretdb.md).
function ledgerUpdate(ledger: NoticeLedger) {
  const done = [...ledger.sent, ...ledger.refused];
  const $inc: Record<string, number> =
    ledger.refused.length > 0 ? { noticesRefused: ledger.refused.length } : {};
  return {
    $pullAll: done.length > 0 ? { $pullAll: { notices: done } } : {},
    /** To merge into an update's own `$inc`. */
    $inc,
    /** For an update without one. */
    incOnly: ledger.refused.length > 0 ? { $inc } : {},
  };
}
