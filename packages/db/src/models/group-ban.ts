// Users banned from a group: kept out of pull-ins, code joins and invitations until an owner or admin lifts it.
// One document per (group, user) under the _id `${groupId}:${userId}`, like memberships: banning twice is a
// duplicate key, and "is this user banned" is a lookup by _id.
import { type Connection, Schema } from 'mongoose';

export const groupBanId = (groupId: number, userId: number) => `${groupId}:${userId}`;

export interface GroupBanDoc {
  _id: string;
  groupId: number;
  userId: number;
  bannedAt: Date;
  bannedBy: number;
}

const groupBanSchema = new Schema<GroupBanDoc>(
  {
    _id: String,
    groupId: { type: Number, required: true },
    userId: { type: Number, required: true },
    bannedAt: { type: Date, required: true },
    bannedBy: { type: Number, required: true },
  },
  { versionKey: false },
);
groupBanSchema.index({ groupId: 1, bannedAt: -1 });

export const createGroupBanModel = (connection: Connection) =>
  connection.model<GroupBanDoc>('GroupBan', groupBanSchema, 'group_bans');
