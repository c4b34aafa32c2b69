// Opens a connection and binds every model to it, so two databases (or two test files) never share state.
import mongoose, { type Connection, type Model } from 'mongoose';
import { createExpiryIndex } from './expiry-index.ts';
import { createAuthTokenModel } from './models/auth-token.ts';
import { createCounterModel } from './models/counter.ts';
import { createGroupModel } from './models/group.ts';
import { createGroupBanModel } from './models/group-ban.ts';
import { createGroupCodeModel } from './models/group-code.ts';
import { createInvitationModel } from './models/invitation.ts';
import { createMembershipModel } from './models/membership.ts';
import { createRongCloudRegistrationModel } from './models/rongcloud-registration.ts';
import { createThrottleEventModel } from './models/throttle.ts';
import { createUserModel } from './models/user.ts';

const bindModels = (connection: Connection) => ({
  counters: createCounterModel(connection),
  users: createUserModel(connection),
  authTokens: createAuthTokenModel(connection),
  groups: createGroupModel(connection),
  memberships: createMembershipModel(connection),
  groupCodes: createGroupCodeModel(connection),
  groupBans: createGroupBanModel(connection),
  invitations: createInvitationModel(connection),
  throttleEvents: createThrottleEventModel(connection),
  rongCloudRegistrations: createRongCloudRegistrationModel(connection),
});

export type Models = ReturnType<typeof bindModels>;

export interface Database extends Models {
  connection: Connection;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Fail a query fast instead of queueing it while the database is unreachable. */
  serverSelectionTimeoutMs?: number;
  /** Emit the driver's command events (command-monitor.ts); off unless something counts commands. */
  monitorCommands?: boolean;
}

export async function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<Database> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 3_000,
    // Fail while the database is unreachable instead of queueing: the API answers 503 at once, never hangs.
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    monitorCommands: options.monitorCommands ?? false,
  });
  await connection.asPromise();
  const models = bindModels(connection);
  await Promise.all(
    Object.values(models).map((model) => model.createCollection().then(() => model.createIndexes())),
  );
  await createExpiryIndex(models.invitations as never, 'expiresAt');
  return { ...models, connection, close: () => connection.close() };
}

/**
 * Inserts a document under the next id of its collection's sequence. The counter's $inc only proposes an id; the
 * unique _id of the insert decides. On MongoDB $inc is atomic and the loop runs once; FerretDB 1.x applies
 * findAndModify as a read then a write, so concurrent callers can be proposed the same id, and the loser asks again.
 */
export async function insertWithNextId<T extends { _id: number }>(
  db: Database,
  model: Model<T>,
  build: (id: number) => T,
): Promise<T> {
  const sequence = model.collection.collectionName;
  let unexplained = 0;
  for (let attempt = 0; ; attempt++) {
    const doc = build(await proposeId(db, sequence));
    try {
      await model.collection.insertOne(doc as never);
      return doc;
    } catch (error) {
      if (!isDuplicateKeyError(error) || attempt >= 100) throw error;
      // FerretDB's duplicate-key error does not name the index, so look. The id holder may already be gone (a
      // pending group deleted after its creation failed): one such clash gets a fresh id; a second, with the id
      // free again, is another unique index (a username) and the caller's to report.
      const idTaken = (await model.exists({ _id: doc._id } as never)) !== null;
      if (!idTaken && ++unexplained > 1) throw error;
    }
  }
}

// Two upserts creating the same missing counter collide on its _id; the loser finds it on the next try.
async function proposeId(db: Database, sequence: string): Promise<number> {
  for (;;) {
    try {
      const counter = await db.counters
        .findOneAndUpdate({ _id: sequence }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' })
        .lean();
      return counter!.seq;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
