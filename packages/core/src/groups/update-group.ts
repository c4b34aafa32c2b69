// The owner renames the group or changes its cover; RongCloud's copy of the name follows.
import type { UpdateGroupRequest } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import { newMediaKey } from '../media/media-store.ts';
import { processImage } from '../media/process-image.ts';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { touchActivity } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';

export async function updateGroup(
  deps: CoreDeps,
  groupId: number,
  callerId: number,
  input: Omit<UpdateGroupRequest, 'id'>,
): Promise<GroupDoc> {
  const group = await findLiveGroup(deps, groupId);
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  const changes: Partial<GroupDoc> = { updatedAt: currentTime(deps) };
  if (input.name !== undefined) changes.name = input.name;
  if (input.cover) {
    const image = await processImage(input.cover, 'cover', deps.settings.media);
    changes.cover = newMediaKey('group', image.extension);
    await deps.media.put(changes.cover, image.data, image.contentType);
  }
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
  await touchActivity(deps, groupId, callerId);
  return updated;
}
