// GET /api/im/token/: the caller's RongCloud token. Tokens are cached per user: RongCloud keeps every issued token
// valid (default: forever) and rate-limits getToken per app, so asking on every app launch would spend that limit
// and fail whenever RongCloud is unreachable. A new token is fetched when the credentials change or on request.
import type { UserDoc } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { rongCloudProfileOf } from './profile.ts';
import { rongCloudUserId } from './rongcloud-deps.ts';

export async function getImToken(
  deps: CoreDeps,
  user: UserDoc,
  options: { baseUrl: string; renew?: boolean },
): Promise<string> {
  const cached = user.imToken;
  if (cached && cached.credentialsTag === deps.rongcloud.credentialsTag && !options.renew)
    return cached.value;
  let token: string;
  try {
    ({ token } = await deps.rongcloud.client.user.getToken(
      {
        userId: rongCloudUserId(deps.rongcloud, user._id),
        ...rongCloudProfileOf(deps, user, options.baseUrl),
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
  return token;
}
