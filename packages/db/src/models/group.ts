// Chat groups. Members live in `memberships`; the group keeps their count, changed only by atomic `$inc`s
// (decision 0006) and recounted whenever the group is repaired (docs/data-model.md).
import { type Connection, Schema, type Types } from 'mongoose';
import { indexSyncState, type SyncStateDoc, syncStateSchema } from './sync-state.ts';

/** An in-chat notice of a committed change, queued in commit order until RongCloud has it (docs/rongcloud.md). */
export interface GroupNoticeDoc {
  _id: Types.ObjectId;
  operation: string;
  operatorUserId: number;
  operatorNickname: string;
  targetUserIds: number[];
  targetUserDisplayNames: string[];
  /** The group's name after the change. */
  targetGroupName: string;
  /** The readable sentence. */
  message: string;
  at: Date;
  /** Kicked: also sent to the removed users alone. */
  directToTargets?: boolean;
  /** Bulletin: the text of the announcement, posted by the operator mentioning everyone. */
  announcement?: string;
}

export interface GroupDoc {
  _id: number;
  name: string;
  /** Face-to-face code, '' when the group has none. */
  code: string;
  /** When the code stops admitting members; null without a code. */
  codeExpiresAt: Date | null;
  /** Media key of the cover, or null for the default cover. */
  cover: string | null;
  /** The one owner; always a member of a live group once its changes have settled (docs/data-model.md). */
  ownerId: number;
  /** Members, the owner included. */
  memberCount: number;
  /**
   * Admins (never the owner), in the group's own document: an appointment is one conditional update
   * (`adminIds.<cap - 1>` absent), so the cap (MAX_ADMINS_PER_GROUP) can never be exceeded, on any database.
   */
  adminIds: number[];
  /** '' when none. */
  announcement: string;
  /** Only the owner and admins may speak while set. */
  allMuted: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** pending until creation completes (invisible everywhere), then live, finally dismissed. */
  status: GroupStatus;
  dismissedAt: Date | null;
  /**
   * Notices not yet confirmed by RongCloud, in commit order: each is pushed by the very write that commits its
   * change, and pulled by id once sent.
   */
  notices?: GroupNoticeDoc[];
  /** Notices RongCloud refused as malformed (never sendable), dropped so they do not hold up the rest. */
  noticesRefused?: number;
  /** Where RongCloud's copy of the group stands (sync-state.ts); absent on a group never changed since. */
  sync?: SyncStateDoc;
}

export type GroupStatus = 'pending' | 'live' | 'dismissed';

const groupSchema = new Schema<GroupDoc>(
  {
    _id: Number,
    name: { type: String, required: true },
    code: { type: String, default: '' },
    codeExpiresAt: { type: Date, default: null },
    cover: { type: String, default: null },
    ownerId: { type: Number, required: true },
    memberCount: { type: Number, default: 0 },
    adminIds: { type: [Number], default: [] },
    announcement: { type: String, default: '' },
    allMuted: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'live', 'dismissed'], required: true },
    dismissedAt: { type: Date, default: null },
    notices: { type: [Schema.Types.Mixed], default: undefined },
    noticesRefused: { type: Number, default: undefined },
    sync: { type: syncStateSchema, default: undefined },
  },
  { versionKey: false },
);
indexSyncState(groupSchema);

export const createGroupModel = (connection: Connection) =>
  connection.model<GroupDoc>('Group', groupSchema, 'groups');
