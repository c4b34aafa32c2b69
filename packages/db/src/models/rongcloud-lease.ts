// Who may talk to RongCloud about one group or user right now: one document per target (`group:42`). A claim is
// one conditional write, "take it if it has expired", which is atomic on MongoDB and on our FerretDB build
// (decision 0006); the epoch tells a holder's own release from a later holder's.
import { type Connection, Schema } from 'mongoose';

export interface RongCloudLeaseDoc {
  /** `${kind}:${id}` */
  _id: string;
  /** Claims so far; a release or a backoff applies only to the epoch its holder claimed. */
  epoch: number;
  /** Instance id of the holder, or 'backoff' while waiting before the next attempt. */
  holder: string;
  /** The lease is free once this has passed (released leases expire at their release). */
  expiresAt: Date;
  /** Consecutive failed repairs, for the backoff. */
  failures: number;
}

const leaseSchema = new Schema<RongCloudLeaseDoc>(
  {
    _id: String,
    epoch: { type: Number, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    failures: { type: Number, required: true },
  },
  { versionKey: false },
);

export const createRongCloudLeaseModel = (connection: Connection) =>
  connection.model<RongCloudLeaseDoc>('RongCloudLease', leaseSchema, 'rongcloud_leases');
