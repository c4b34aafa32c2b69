// The caller's own profile: read it, change name, nick and avatar.
import type { UpdateMeRequest } from '@groupchat/contracts';
import type { UserDoc } from '@groupchat/db';
import { newMediaKey } from '../media/media-store.ts';
import { processImage } from '../media/process-image.ts';
import { applyUserProfile } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { userTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';

export async function updateProfile(
  deps: CoreDeps,
  userId: number,
  input: UpdateMeRequest,
  baseUrl: string,
): Promise<UserDoc> {
  const changes: Partial<UserDoc> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.nick !== undefined) changes.nick = input.nick;
  if (input.avatar) {
    const image = await processImage(input.avatar, 'avatar', deps.settings.media);
    const key = newMediaKey('avatar', image.extension);
    await deps.media.put(key, image.data, image.contentType);
    changes.avatar = key;
  }
  const commit = async () => {
    const user = await deps.db.users
      .findOneAndUpdate(
        { _id: userId },
        { $set: { ...changes, updatedAt: currentTime(deps) } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!user) throw new AppError('authentication_failed');
    return user;
  };
  return withRongCloudSync(
    deps,
    userTarget(userId),
    commit,
    (signal) => applyUserProfile(deps, userId, baseUrl, signal),
    { baseUrl },
  );
}

export async function setUserLevel(
  deps: Pick<CoreDeps, 'db' | 'now'>,
  username: string,
  level: UserDoc['level'],
): Promise<UserDoc> {
  const user = await deps.db.users
    .findOneAndUpdate(
      { username },
      { $set: { level, updatedAt: currentTime(deps) } },
      { returnDocument: 'after' },
    )
    .lean();
  if (!user) throw new AppError('not_found');
  return user;
}
