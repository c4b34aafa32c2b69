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

// Django REST Framework's TokenAuthentication: the header split on ASCII white space as Python's bytes.split()
// does; a first word other than our schemes is someone else's credentials (Basic, Digest, …) and leaves the
// request anonymous, but a scheme of ours with no token, or with more than one word after it, is refused.
const SCHEMES = new Set(['token', 'bearer']);
const ASCII_SPACE = /[ \t\n\r\v\f]+/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The token of `Authorization: Token …` (DRF) or `Bearer …`; undefined when absent or in another scheme. */
export function tokenFromAuthorizationHeader(header: string | undefined): string | undefined {
  const words = (header ?? '').split(ASCII_SPACE).filter((word) => word !== '');
  const [scheme, token] = words;
  if (scheme === undefined || !SCHEMES.has(scheme.toLowerCase())) return undefined;
  if (token === undefined) throw new AppError('authentication_failed', { detail: 'token_header_empty' });
  if (words.length > 2) throw new AppError('authentication_failed', { detail: 'token_header_spaces' });
  // Node hands header bytes over as Latin-1; DRF refuses those that are not UTF-8.
  if (!isUtf8(token)) throw new AppError('authentication_failed', { detail: 'token_header_characters' });
  return token;
}

function isUtf8(latin1: string): boolean {
  try {
    utf8.decode(Buffer.from(latin1, 'latin1'));
    return true;
  } catch {
    return false;
  }
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
