// Registration: a new account with a hashed password and its first API token.
import type { RegisterRequest, RegisterResponse } from '@groupchat/contracts';
import { insertWithNextId, isDuplicateKeyError, type UserDoc } from '@groupchat/db';
import { fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toUser } from '../shared/to-contract.ts';
import { issueToken } from './auth-tokens.ts';
import type { Caller } from './caller.ts';
import { hashPassword } from './passwords.ts';

export async function register(
  deps: CoreDeps,
  caller: Caller,
  input: RegisterRequest,
): Promise<RegisterResponse> {
  if (await deps.db.users.exists({ username: input.username })) throw usernameTaken();
  const passwordHash = await hashPassword(input.password, deps.settings.passwordHashCost);
  const now = currentTime(deps);
  let user: UserDoc;
  try {
    user = await insertWithNextId(deps.db, deps.db.users, (id) => ({
      _id: id,
      username: input.username,
      passwordHash,
      name: input.name ?? '',
      nick: input.nick ?? '',
      avatar: null,
      level: '',
      imToken: null,
      createdAt: now,
      updatedAt: now,
    }));
  } catch (error) {
    // Two registrations of one number at once: the unique index lets only one through.
    if (isDuplicateKeyError(error)) throw usernameTaken();
    throw error;
  }
  const token = await issueToken(deps, user._id);
  return { ...toUser(user, deps.media, caller.baseUrl), token };
}

const usernameTaken = () => fieldError('username', 'username_taken');
