// RongCloud keeps a name and portrait per user for push notifications; ours are mirrored there on every change.
import type { UserDoc } from '@groupchat/db';
import { DEFAULT_AVATAR_KEY } from '../media/media-store.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { rongCloudUserId } from './rongcloud-deps.ts';

export function rongCloudProfileOf(deps: CoreDeps, user: UserDoc, baseUrl: string) {
  // RongCloud requires a non-empty name of at most 64 characters; the phone number is the fallback.
  const name = (user.nick || user.name || user.username).slice(0, 64);
  return { name, portraitUri: deps.media.url(user.avatar ?? DEFAULT_AVATAR_KEY, baseUrl) };
}

/**
 * Pushes the user's name and portrait to RongCloud within the request's deadline. A user RongCloud has never seen
 * (no token yet) needs nothing: getToken will carry the profile. On failure the user is marked out of step.
 */
export async function mirrorProfile(deps: CoreDeps, user: UserDoc, baseUrl: string): Promise<void> {
  if (!user.imToken) return;
  try {
    await deps.rongcloud.client.user.refresh(
      { userId: rongCloudUserId(deps.rongcloud, user._id), ...rongCloudProfileOf(deps, user, baseUrl) },
      { signal: AbortSignal.timeout(deps.rongcloud.requestDeadlineMs) },
    );
  } catch {
    await deps.db.users.updateOne(
      { _id: user._id, outOfStepSince: null },
      { $set: { outOfStepSince: currentTime(deps) } },
    );
  }
}
