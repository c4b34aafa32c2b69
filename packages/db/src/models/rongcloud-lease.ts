// Who may talk to RongCloud about one group or user right now. Claimed by inserting under a unique _id
// (`group:42`), so exactly one instance holds it; a failed repair leaves it behind as a backoff hold.
import { type Connection, Schema } from 'mongoose';

export interface RongCloudLeaseDoc {
  /** `${kind}:${id}` */
  _id: string;
  /** Instance id of the holder, or 'backoff' while waiting before the next attempt. */
  holder: string;
  expiresAt: Date;
  /** Consecutive failed repairs, for the backoff. */
  failures: number;
}

const leaseSchema = new Schema<RongCloudLeaseDoc>(
  {
    _id: String,
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    failures: { type: Number, required: true },
  },
  { versionKey: false },
);

export const createRongCloudLeaseModel = (connection: Connection) =>
  connection.model<RongCloudLeaseDoc>('RongCloudLease', leaseSchema, 'rongcloud_leases');
