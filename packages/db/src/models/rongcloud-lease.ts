// Who may talk to RongCloud about one group or user right now. Leases form a chain of epochs per target
// (`group:42#7`): a claim inserts the next epoch under a unique _id, so of concurrent claimers exactly one wins, on
// MongoDB and on FerretDB alike. Nothing is ever deleted to take over, which FerretDB could not do atomically.
import { type Connection, Schema } from 'mongoose';

export interface RongCloudLeaseDoc {
  /** `${key}#${epoch}` */
  _id: string;
  /** `${kind}:${id}` */
  key: string;
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
    key: { type: String, required: true },
    epoch: { type: Number, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    failures: { type: Number, required: true },
  },
  { versionKey: false },
);
leaseSchema.index({ key: 1, epoch: -1 });

export const createRongCloudLeaseModel = (connection: Connection) =>
  connection.model<RongCloudLeaseDoc>('RongCloudLease', leaseSchema, 'rongcloud_leases');
