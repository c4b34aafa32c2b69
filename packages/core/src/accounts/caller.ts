// Who is calling: the signed-in user (or nobody) and the public origin the reply's absolute URLs start with.
// Every service takes one; the transports build it from the request's credentials.
import type { UserDoc } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { authenticate, tokenFromAuthorizationHeader } from './auth-tokens.ts';

/** Who the token names; services that need more of the user load it (most need nothing more). */
export type CallerUser = Pick<UserDoc, '_id'>;

export interface Caller {
  user: CallerUser | null;
  /** The API token of this request, when it carried one. */
  token: string | null;
  /** Public origin used for absolute URLs in replies, e.g. https://chat.example.com */
  baseUrl: string;
}

export interface SignedInCaller extends Caller {
  user: CallerUser;
  token: string;
}

export const anonymousCaller = (baseUrl: string): Caller => ({ user: null, token: null, baseUrl });

/** The caller of an `Authorization` header; an invalid or unknown token is refused, as Django REST Framework does. */
export async function identifyCaller(
  deps: CoreDeps,
  request: { authorization: string | undefined; baseUrl: string },
): Promise<Caller> {
  const token = tokenFromAuthorizationHeader(request.authorization);
  if (!token) return anonymousCaller(request.baseUrl);
  return { user: await authenticate(deps, token), token, baseUrl: request.baseUrl };
}

export function requireSignedIn(caller: Caller): SignedInCaller {
  if (!caller.user || !caller.token) throw new AppError('not_authenticated');
  return caller as SignedInCaller;
}
