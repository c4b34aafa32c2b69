// Changes RongCloud has not confirmed yet: one event per change, written before the change is committed and deleted
// once RongCloud reflects it. Insert-only and deleted by _id, so no concurrent write can lose a mark.
import { type Connection, Schema, type Types } from 'mongoose';

export type SyncTargetKind = 'group' | 'user';

export interface RongCloudOutboxDoc {
  _id: Types.ObjectId;
  kind: SyncTargetKind;
  targetId: number;
  /** Public origin at the time of a user's change, for the portrait URL a later repair sends. */
  baseUrl?: string;
  createdAt: Date;
}

const outboxSchema = new Schema<RongCloudOutboxDoc>(
  {
    kind: { type: String, enum: ['group', 'user'], required: true },
    targetId: { type: Number, required: true },
    baseUrl: { type: String },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
outboxSchema.index({ kind: 1, targetId: 1 });
outboxSchema.index({ createdAt: 1 });

export const createRongCloudOutboxModel = (connection: Connection) =>
  connection.model<RongCloudOutboxDoc>('RongCloudOutbox', outboxSchema, 'rongcloud_outbox');
