// The caller's own profile: read it, change name, nick, avatar (RongCloud's copy follows) and who may pull them
// into groups; the operator's level.
import type { Me, UpdateMeRequest, UploadedFile } from '@groupchat/contracts';
import type { UserDoc } from '@groupchat/db';
import { storeUploadedImage } from '../media/store-image.ts';
import { applyUserProfile } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { userTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toMe } from '../shared/to-contract.ts';
import type { SignedInCaller } from './caller.ts';

export async function getMe(deps: CoreDeps, caller: SignedInCaller): Promise<Me> {
  return toMe(await loadUser(deps, caller), deps.media, caller.baseUrl);
}

/** The signed-in caller's whole user document. */
export async function loadUser(deps: CoreDeps, caller: SignedInCaller): Promise<UserDoc> {
  const user = await deps.db.users.findById(caller.user._id).lean();
  if (!user) throw new AppError('authentication_failed');
  return user;
}

export async function updateMe(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: UpdateMeRequest & { avatar?: UploadedFile },
): Promise<Me> {
  const userId = caller.user._id;
  const { baseUrl } = caller;
  const changes: Partial<UserDoc> = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.nick !== undefined) changes.nick = input.nick;
  if (input.group_invites !== undefined) changes.groupInvites = input.group_invites;
  if (input.avatar)
    changes.avatar = await storeUploadedImage(deps, input.avatar, { field: 'avatar', folder: 'avatar' });
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
  // RongCloud holds the push name and portrait only: a change of settings alone has nothing to mirror.
  const mirrored = changes.name !== undefined || changes.nick !== undefined || changes.avatar !== undefined;
  const user = mirrored
    ? await withRongCloudSync<UserDoc, UserDoc>(deps, {
        target: userTarget(userId),
        commit,
        mirror: (user, context) => applyUserProfile(deps, user, baseUrl, context),
        baseUrl,
        unmatched: () => Promise.reject(new AppError('authentication_failed')),
      })
    : await commit();
  return toMe(user, deps.media, baseUrl);
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
