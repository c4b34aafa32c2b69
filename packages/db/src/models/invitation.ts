// Pending invitations: a pull-in of a user who asked for approval. One per (group, invitee) at a time under a
// unique index, so pulling again while one is pending finds it instead of adding a second; accepting or declining
// deletes it, and dismissal deletes a group's. `expiresAt` is what every query compares against, so a lapsed
// invitation is never shown or accepted; where the database has TTL indexes one removes it (expiry-index.ts).
import { type Connection, Schema } from 'mongoose';

export interface InvitationDoc {
  _id: number;
  groupId: number;
  inviteeId: number;
  inviterId: number;
  createdAt: Date;
  expiresAt: Date;
}

const invitationSchema = new Schema<InvitationDoc>(
  {
    _id: Number,
    groupId: { type: Number, required: true },
    inviteeId: { type: Number, required: true },
    inviterId: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
invitationSchema.index({ groupId: 1, inviteeId: 1 }, { unique: true });
invitationSchema.index({ inviteeId: 1, createdAt: -1 });

export const createInvitationModel = (connection: Connection) =>
  connection.model<InvitationDoc>('Invitation', invitationSchema, 'invitations');
