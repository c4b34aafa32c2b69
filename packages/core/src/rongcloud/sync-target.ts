// A thing whose RongCloud copy we keep in step: a group (existence, name, members) or a user (name, portrait).
import type { SyncTargetKind } from '@groupchat/db';

export interface SyncTarget {
  kind: SyncTargetKind;
  id: number;
}

export const groupTarget = (id: number): SyncTarget => ({ kind: 'group', id });
export const userTarget = (id: number): SyncTarget => ({ kind: 'user', id });
export const leaseKey = (target: SyncTarget) => `${target.kind}:${target.id}`;
