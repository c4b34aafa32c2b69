// Logout: the token in use stops working at once, on every instance (its hash is deleted).
import { type Detail, SUCCESS_DETAIL } from '@groupchat/contracts';
import type { CoreDeps } from '../shared/deps.ts';
import { revokeToken } from './auth-tokens.ts';
import type { SignedInCaller } from './caller.ts';

export async function logout(deps: CoreDeps, caller: SignedInCaller): Promise<Detail> {
  await revokeToken(deps, caller.token);
  return { detail: SUCCESS_DETAIL };
}
