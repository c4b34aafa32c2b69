// Claims on face-to-face codes. A code is unique among active codes of live groups; the claim document's _id is the
// code, so the database's _id index arbitrates concurrent creates (FerretDB has no partial or TTL indexes).
import { isDuplicateKeyError } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';

// A group still being created holds its claim; one pending this long was abandoned by a crashed request.
const ABANDONED_PENDING_MS = 60_000;

export async function claimCode(deps: CoreDeps, code: string, groupId: number, now: Date, expiresAt: Date) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await deps.db.groupCodes.create({ _id: code, groupId, expiresAt });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const holder = await deps.db.groupCodes.findById(code).lean();
    if (holder && (await claimIsActive(deps, holder.groupId, holder.expiresAt, now))) {
      throw new AppError('code_taken', { fields: { code: ['code_in_use'] } });
    }
    // Filtered on the stale holder, so a fresh claim that won meanwhile is never removed (atomic on MongoDB).
    if (holder) await deps.db.groupCodes.deleteOne({ _id: code, groupId: holder.groupId });
  }
  throw new AppError('code_taken');
}

async function claimIsActive(deps: CoreDeps, groupId: number, expiresAt: Date, now: Date): Promise<boolean> {
  if (expiresAt <= now) return false;
  const group = await deps.db.groups.findById(groupId, { status: 1, createdAt: 1 }).lean();
  if (!group || group.status === 'dismissed') return false;
  return group.status === 'live' || now.getTime() - group.createdAt.getTime() < ABANDONED_PENDING_MS;
}

export async function releaseCode(deps: CoreDeps, code: string, groupId: number): Promise<void> {
  if (code) await deps.db.groupCodes.deleteOne({ _id: code, groupId });
}
