// RongCloud keeps a name and portrait per user for push notifications; ours are mirrored there on every change.
import type { UserDoc } from '@groupchat/db';
import { DEFAULT_AVATAR_KEY } from '../media/media-store.ts';
import type { CoreDeps } from '../shared/deps.ts';

export function rongCloudProfileOf(deps: CoreDeps, user: UserDoc, baseUrl: string) {
  // RongCloud requires a non-empty name of at most 64 characters; the phone number is the fallback.
  const name = (user.nick || user.name || user.username).slice(0, 64);
  return { name, portraitUri: deps.media.url(user.avatar ?? DEFAULT_AVATAR_KEY, baseUrl) };
}
