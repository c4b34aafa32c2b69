// Throttle events (failed logins, wrong codes): one document per event, counted over a sliding window. Inserts and
// counts stay exact on FerretDB 1.x, whose read-modify-write updates can lose concurrent increments.
import { type Connection, Schema, type Types } from 'mongoose';

export interface ThrottleEventDoc {
  _id: Types.ObjectId;
  key: string;
  at: Date;
}

const throttleEventSchema = new Schema<ThrottleEventDoc>(
  { key: { type: String, required: true }, at: { type: Date, required: true } },
  { versionKey: false },
);
throttleEventSchema.index({ key: 1, at: 1 });
throttleEventSchema.index({ at: 1 });

export const createThrottleEventModel = (connection: Connection) =>
  connection.model<ThrottleEventDoc>('ThrottleEvent', throttleEventSchema, 'throttle_events');
