// Accounts: the login phone number, profile fields and the password hash (never leaves the service).
import { GROUP_INVITES, type GroupInvites, USER_LEVELS, type UserLevel } from '@groupchat/contracts';
import { type Connection, Schema } from 'mongoose';
import { indexSyncState, type SyncStateDoc, syncStateSchema } from './sync-state.ts';

export interface UserDoc {
  _id: number;
  username: string;
  passwordHash: string;
  name: string;
  nick: string;
  /** Media key of the avatar, or null for the default avatar. */
  avatar: string | null;
  level: UserLevel;
  /** Who may pull this user into a group; absent (users from before the setting existed) means `anyone`. */
  groupInvites?: GroupInvites;
  /** The last RongCloud token handed out, reused until the RongCloud credentials change. */
  imToken: ImTokenCache | null;
  createdAt: Date;
  updatedAt: Date;
  /** Where RongCloud's copy of the profile stands (sync-state.ts). */
  sync?: SyncStateDoc;
}

export interface ImTokenCache {
  value: string;
  /** Identifies the RongCloud app and secret the token was issued under (never the secret itself). */
  credentialsTag: string;
  issuedAt: Date;
}

const userSchema = new Schema<UserDoc>(
  {
    _id: Number,
    username: { type: String, required: true },
    passwordHash: { type: String, required: true },
    name: { type: String, default: '' },
    nick: { type: String, default: '' },
    avatar: { type: String, default: null },
    level: { type: String, enum: USER_LEVELS, default: '' },
    groupInvites: { type: String, enum: GROUP_INVITES },
    imToken: {
      type: new Schema({ value: String, credentialsTag: String, issuedAt: Date }, { _id: false }),
      default: null,
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    sync: { type: syncStateSchema, default: undefined },
  },
  { versionKey: false },
);
userSchema.index({ username: 1 }, { unique: true });
indexSyncState(userSchema);

export const createUserModel = (connection: Connection) =>
  connection.model<UserDoc>('User', userSchema, 'users');
