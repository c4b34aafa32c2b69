// The owner renames the group or changes its cover; RongCloud's copy of the name follows.
import type { Group, UpdateGroupRequest, UploadedFile } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { storeUploadedImage } from '../media/store-image.ts';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toGroup } from '../shared/to-contract.ts';
import { touchActivity } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';

export async function updateGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: UpdateGroupRequest & { cover?: UploadedFile },
): Promise<Group> {
  const groupId = input.id;
  const group = await findLiveGroup(deps, groupId);
  if (group.ownerId !== caller.user._id) throw new AppError('permission_denied');
  const changes: Partial<GroupDoc> = { updatedAt: currentTime(deps) };
  if (input.name !== undefined) changes.name = input.name;
  if (input.cover)
    changes.cover = await storeUploadedImage(deps, input.cover, { field: 'cover', folder: 'group' });
  const commit = async () => {
    const updated = await deps.db.groups
      .findOneAndUpdate({ _id: groupId, status: 'live' }, { $set: changes }, { returnDocument: 'after' })
      .lean();
    if (!updated) throw new AppError('not_found');
    return updated;
  };
  const updated =
    input.name !== undefined && input.name !== group.name
      ? await withRongCloudSync(deps, groupTarget(groupId), commit, (signal) =>
          applyGroupMembers(deps, groupId, [], signal),
        )
      : await commit();
  await touchActivity(deps, groupId, caller.user._id);
  return toGroup(updated, { viewerIsMember: true, media: deps.media, baseUrl: caller.baseUrl });
}
