// API tokens, keyed by the SHA-256 of the token so a leaked database reveals no usable token.
import { type Connection, Schema } from 'mongoose';

export interface AuthTokenDoc {
  _id: string;
  userId: number;
  createdAt: Date;
}

const authTokenSchema = new Schema<AuthTokenDoc>(
  { _id: String, userId: { type: Number, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false },
);
authTokenSchema.index({ userId: 1 });

export const createAuthTokenModel = (connection: Connection) =>
  connection.model<AuthTokenDoc>('AuthToken', authTokenSchema, 'auth_tokens');
