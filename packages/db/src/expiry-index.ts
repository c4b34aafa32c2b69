// TTL indexes where the database has them. MongoDB removes a document about a minute after its `expiresAt`;
// FerretDB 1.x refuses the option ("Index option expireAfterSeconds is not implemented yet"), so there the
// documents stay until the application deletes them. Queries compare `expiresAt` themselves either way, so
// correctness never waits for the reaper.
import type { Model } from 'mongoose';

const NOT_IMPLEMENTED = 238;

export async function createExpiryIndex(model: Model<never>, field: string): Promise<boolean> {
  try {
    await model.collection.createIndex({ [field]: 1 }, { expireAfterSeconds: 0 });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === NOT_IMPLEMENTED) return false;
    throw error;
  }
}
