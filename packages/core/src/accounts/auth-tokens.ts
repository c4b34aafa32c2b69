// API tokens: 256 random bits handed out once; only their SHA-256 is stored, and lookups go by that hash.
import { createHash, randomBytes } from 'node:crypto';
import type { UserDoc } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { currentTime } from '../shared/deps.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueToken(deps: CoreDeps, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await deps.db.authTokens.create({ _id: hashToken(token), userId, createdAt: currentTime(deps) });
  return token;
}

export async function revokeToken(deps: CoreDeps, token: string): Promise<void> {
  await deps.db.authTokens.deleteOne({ _id: hashToken(token) });
}

/** Parses `Authorization: Token …` (Django REST Framework) or `Bearer …`; undefined when absent. */
export function tokenFromAuthorizationHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) throw new AppError('authentication_failed');
  return match[1];
}

/**
 * The user a token belongs to; `authentication_failed` for an unknown or revoked token. One query: users are never
 * deleted, so a token's user exists, and the services that need the user's fields load them.
 */
export async function authenticate(deps: CoreDeps, token: string): Promise<Pick<UserDoc, '_id'>> {
  if (token.length > 200) throw new AppError('authentication_failed');
  const record = await deps.db.authTokens.findById(hashToken(token), { userId: 1 }).lean();
  if (!record) throw new AppError('authentication_failed');
  return { _id: record.userId };
}
