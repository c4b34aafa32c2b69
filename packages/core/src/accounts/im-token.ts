// The caller's RongCloud token (GET /api/im/token/). Tokens are cached per user: RongCloud keeps every issued token
// valid (default: forever) and rate-limits getToken per app, so asking on every app launch would spend that limit
// and fail whenever RongCloud is unreachable. A new token is fetched when the credentials change or on request.
import type { GetImTokenRequest, ImToken } from '@groupchat/contracts';
import { rongCloudProfileOf } from '../rongcloud/profile.ts';
import { rongCloudUserId } from '../rongcloud/rongcloud-deps.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import type { SignedInCaller } from './caller.ts';
import { loadUser } from './profile.ts';

export async function getImToken(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GetImTokenRequest,
): Promise<ImToken> {
  const user = await loadUser(deps, caller);
  const cached = user.imToken;
  if (cached && cached.credentialsTag === deps.rongcloud.credentialsTag && !input.renew)
    return { key: cached.value };
  let token: string;
  try {
    ({ token } = await deps.rongcloud.client.user.getToken(
      {
        userId: rongCloudUserId(deps.rongcloud, user._id),
        ...rongCloudProfileOf(deps, user, caller.baseUrl),
      },
      { signal: AbortSignal.timeout(deps.rongcloud.requestDeadlineMs) },
    ));
  } catch (cause) {
    throw new AppError('service_unavailable', { cause, retryAfterSeconds: 5 });
  }
  const imToken = {
    value: token,
    credentialsTag: deps.rongcloud.credentialsTag,
    issuedAt: currentTime(deps),
  };
  await deps.db.users.updateOne({ _id: user._id }, { $set: { imToken } });
  return { key: token };
}
