// A thing whose RongCloud copy we keep in step: a group (existence, name, members) or a user (name, portrait).
// Its sync state lives in its own document (decision 0015), so the target's model is where every sync write goes.
import type { GroupDoc, SyncTargetKind, UserDoc } from '@groupchat/db';
import type { CoreDeps } from '../shared/deps.ts';

export interface SyncTarget {
  kind: SyncTargetKind;
  id: number;
}

export const groupTarget = (id: number): SyncTarget => ({ kind: 'group', id });
export const userTarget = (id: number): SyncTarget => ({ kind: 'user', id });

export type TargetDoc = GroupDoc | UserDoc;

/** The target's model, typed loosely: both documents carry `sync` the same way. */
export const modelOf = (deps: CoreDeps, kind: SyncTargetKind) =>
  (kind === 'group' ? deps.db.groups : deps.db.users) as unknown as typeof deps.db.groups;
