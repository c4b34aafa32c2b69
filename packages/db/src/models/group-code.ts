// Claims on face-to-face codes, keyed by the code itself: the _id index is what makes an active code unique
// among live groups (FerretDB has no partial indexes). A claim past expiresAt may be taken over.
import { type Connection, Schema } from 'mongoose';

export interface GroupCodeDoc {
  _id: string;
  groupId: number;
  expiresAt: Date;
}

const groupCodeSchema = new Schema<GroupCodeDoc>(
  { _id: String, groupId: { type: Number, required: true }, expiresAt: { type: Date, required: true } },
  { versionKey: false },
);
groupCodeSchema.index({ groupId: 1 });

export const createGroupCodeModel = (connection: Connection) =>
  connection.model<GroupCodeDoc>('GroupCode', groupCodeSchema, 'group_codes');
