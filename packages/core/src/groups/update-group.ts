// The owner or an admin renames the group, changes its cover or sets its announcement; RongCloud's copy of the
// name follows.
import type { Group, UpdateGroupRequest, UploadedFile } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { storeUploadedImage } from '../media/store-image.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, type NoticeInput, personOf, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toGroup } from '../shared/to-contract.ts';
import { touchActivity } from './membership.ts';
import { findLiveGroup, updateLiveGroup } from './read-groups.ts';
import { requireRole, STAFF } from './roles.ts';

export async function updateGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: UpdateGroupRequest & { cover?: UploadedFile },
): Promise<Group> {
  const groupId = input.id;
  const group = await findLiveGroup(deps, groupId);
  const [{ role }, people] = await Promise.all([
    requireRole(deps, group, caller.user._id, STAFF),
    loadPeople(deps, [caller.user._id]),
  ]);
  const operator = personOf(people, caller.user._id);
  const changes: Partial<GroupDoc> = { updatedAt: currentTime(deps) };
  if (input.name !== undefined) changes.name = input.name;
  if (input.announcement !== undefined) changes.announcement = input.announcement;
  if (input.cover) {
    changes.cover = await storeUploadedImage(deps, input.cover, { field: 'cover', folder: 'group' });
  }
  const groupName = changes.name ?? group.name;
  const said: NoticeInput[] = [];
  const notice = (operation: NoticeInput['operation'], detail?: string) =>
    said.push({ operation, operator, groupName, ...(detail === undefined ? {} : { detail }) });
  if (input.name !== undefined && input.name !== group.name) notice('Rename');
  if (input.cover) notice('Cover');
  if (input.announcement !== undefined && input.announcement !== group.announcement) {
    notice('Bulletin', input.announcement);
  }
  // The notices are queued by the update itself: an update refused (the group dismissed meanwhile) posts none.
  const update = said.length
    ? { $set: changes, ...queueNotices(...said.map((one) => buildNotice(deps, one))) }
    : { $set: changes };
  const commit = () => updateLiveGroup(deps, { groupId, update });
  const updated =
    said.length > 0
      ? await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
          target: groupTarget(groupId),
          where: { status: 'live' },
          commit,
          mirror: (committed, context) => applyGroupChange(deps, committed, {}, context, []),
        })
      : await commit();
  await touchActivity(deps, groupId, caller.user._id);
  return toGroup(updated, { viewerRole: role, media: deps.media, baseUrl: caller.baseUrl });
}
