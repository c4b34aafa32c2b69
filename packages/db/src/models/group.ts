// Chat groups. Members live in `memberships`; nothing here is a counter, so no update depends on another's.
import { type Connection, Schema } from 'mongoose';

export interface GroupDoc {
  _id: number;
  name: string;
  /** Face-to-face code, '' when the group has none. */
  code: string;
  /** When the code stops admitting members; null without a code. */
  codeExpiresAt: Date | null;
  /** Media key of the cover, or null for the default cover. */
  cover: string | null;
  ownerId: number;
  createdAt: Date;
  updatedAt: Date;
  /** pending until creation completes (invisible everywhere), then live, finally dismissed. */
  status: GroupStatus;
  dismissedAt: Date | null;
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
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'live', 'dismissed'], required: true },
    dismissedAt: { type: Date, default: null },
  },
  { versionKey: false },
);

export const createGroupModel = (connection: Connection) =>
  connection.model<GroupDoc>('Group', groupSchema, 'groups');
