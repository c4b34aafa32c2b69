// One document per (group, member), under the _id `${groupId}:${userId}`: a repeated join is a duplicate key
// instead of a second member, and "is this user a member" is a lookup by _id, which every database answers from
// its primary index (upstream FerretDB 1.x answers nothing else without a collection scan; decision 0004).
import { type Connection, Schema } from 'mongoose';

export const membershipId = (groupId: number, userId: number) => `${groupId}:${userId}`;

export interface MembershipDoc {
  _id: string;
  groupId: number;
  userId: number;
  /** Seat in the group, 0 ≤ slot < member cap; unique per group, so the cap holds without a counter. */
  slot: number;
  /** Seat among the user's groups, 0 ≤ userSlot < groups-per-user cap; unique per user for the same reason. */
  userSlot: number;
  joinedAt: Date;
  /** Last time this member acted in the group; orders "my groups". */
  activityAt: Date;
  /** Muted in the chat until this time; the far future for "until lifted"; null when not muted. */
  mutedUntil: Date | null;
}

const membershipSchema = new Schema<MembershipDoc>(
  {
    _id: String,
    groupId: { type: Number, required: true },
    userId: { type: Number, required: true },
    slot: { type: Number, required: true },
    userSlot: { type: Number, required: true },
    joinedAt: { type: Date, required: true },
    activityAt: { type: Date, required: true },
    mutedUntil: { type: Date, default: null },
  },
  { versionKey: false },
);
membershipSchema.index({ groupId: 1, slot: 1 }, { unique: true });
membershipSchema.index({ userId: 1, userSlot: 1 }, { unique: true });
membershipSchema.index({ userId: 1, activityAt: -1 });
membershipSchema.index({ groupId: 1, joinedAt: 1 });

export const createMembershipModel = (connection: Connection) =>
  connection.model<MembershipDoc>('Membership', membershipSchema, 'memberships');
