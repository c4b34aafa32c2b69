// Users of our own that RongCloud must know, registered once per app (the notices' system sender): the record
// says it is done, so neither a request nor a restart asks RongCloud again.
import { type Connection, Schema } from 'mongoose';

export interface RongCloudRegistrationDoc {
  /** `${credentialsTag}:${RongCloud user id}`: a new app (new credentials) registers again. */
  _id: string;
  registeredAt: Date;
}

const registrationSchema = new Schema<RongCloudRegistrationDoc>(
  { _id: String, registeredAt: { type: Date, required: true } },
  { versionKey: false },
);

export const createRongCloudRegistrationModel = (connection: Connection) =>
  connection.model<RongCloudRegistrationDoc>(
    'RongCloudRegistration',
    registrationSchema,
    'rongcloud_registrations',
  );
