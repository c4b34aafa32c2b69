// Login by phone number and password; failures are throttled per username across all instances.
import type { LoginRequest, LoginResponse } from '@groupchat/contracts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { clearFailures, recordAttempt } from '../shared/throttle.ts';
import { issueToken } from './auth-tokens.ts';
import type { Caller } from './caller.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

export async function login(deps: CoreDeps, _caller: Caller, input: LoginRequest): Promise<LoginResponse> {
  const throttleKey = `login:${input.username}`;
  // Counted before the password is checked, so a burst of parallel guesses gets no more tries than a sequence.
  await recordAttempt(deps, throttleKey, deps.settings.loginThrottle);
  const user = await deps.db.users.findOne({ username: input.username }).lean();
  const valid = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password, deps.settings.passwordHashCost).then(() => false);
  if (!user || !valid) throw new AppError('invalid_credentials');
  await clearFailures(deps, throttleKey);
  return { token: await issueToken(deps, user._id) };
}
