// Where a group or a user stands with RongCloud, kept in the target's own document (decision 0015): every change
// counts `rev` up before it commits, the one instance talking to RongCloud about the target holds it by `holder`
// and `expiresAt`, and a holder that sent the state of `rev` confirms exactly that `rev`. A target is out of step
// while `pendingSince` is set. One document per target, so marking, claiming and reading it is one command.
import { Schema } from 'mongoose';

export type SyncTargetKind = 'group' | 'user';

export interface SyncStateDoc {
  /** Changes marked so far. */
  rev: number;
  /** The last `rev` RongCloud was confirmed to hold. */
  syncedRev?: number;
  /** Set by the first change RongCloud has not confirmed, cleared by the confirmation: the reconciler's index. */
  pendingSince?: Date;
  /** Claims so far; a release or a backoff applies only to the epoch its holder claimed. */
  epoch: number;
  /** Instance id of the holder, or 'backoff' while waiting before the next attempt; absent while free. */
  holder?: string;
  /** The hold ends then, whatever its holder does (a crashed holder's included). */
  expiresAt?: Date;
  /** Failed repairs in a row, for the backoff. */
  failures?: number;
  /** A user's public origin at their last change, for the portrait URL a later repair sends. */
  baseUrl?: string;
}

export const syncStateSchema = new Schema<SyncStateDoc>(
  {
    rev: { type: Number, default: 0 },
    syncedRev: Number,
    pendingSince: Date,
    epoch: { type: Number, default: 0 },
    holder: String,
    expiresAt: Date,
    failures: Number,
    baseUrl: String,
  },
  { _id: false },
);

/** What the reconciler lists: targets out of step, oldest first. */
export function indexSyncState(schema: Schema): void {
  schema.index({ 'sync.pendingSince': 1 });
}

/** The filter of targets out of step. */
export const OUT_OF_STEP = { 'sync.pendingSince': { $exists: true } } as const;

interface CountsOutOfStep {
  countDocuments(filter: Record<string, unknown>): PromiseLike<number>;
}

/** Targets out of step: all of them, or whether one target is (0 or 1). */
export async function countOutOfStepTargets(
  models: { groups: CountsOutOfStep; users: CountsOutOfStep },
  target?: { kind: SyncTargetKind; id: number },
): Promise<number> {
  if (target) {
    const model = target.kind === 'group' ? models.groups : models.users;
    return model.countDocuments({ _id: target.id, ...OUT_OF_STEP });
  }
  const [groups, users] = await Promise.all([
    models.groups.countDocuments(OUT_OF_STEP),
    models.users.countDocuments(OUT_OF_STEP),
  ]);
  return groups + users;
}
