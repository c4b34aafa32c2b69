// The owner hands the group to another member, and becomes an ordinary member. The owner changes by
// compare-and-set on the group's `ownerId`, so of two racing transfers only the current owner's goes through.
import type { Group, TargetRequest } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toGroup } from '../shared/to-contract.ts';
import { settleOwnership } from './membership.ts';
import { findLiveGroup, isMember, updateLiveGroup } from './read-groups.ts';

export async function transferOwnership(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: TargetRequest,
): Promise<Group> {
  const callerId = caller.user._id;
  if (input.userid === callerId) throw fieldError('userid', 'transfer_self');
  const group = await findLiveGroup(deps, input.id);
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  if (!(await isMember(deps, group._id, input.userid))) throw fieldError('userid', 'not_a_member');
  const people = await loadPeople(deps, [callerId, input.userid]);
  const notice = buildNotice(deps, {
    operation: 'Transfer',
    operator: personOf(people, callerId),
    targets: [personOf(people, input.userid)],
    groupName: group.name,
  });
  const { changed: updated } = await withRongCloudSync<
    GroupDoc,
    { changed: GroupDoc; settled: GroupDoc | null }
  >(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: async () => {
      const changed = await updateLiveGroup(
        deps,
        {
          groupId: group._id,
          where: { ownerId: callerId },
          update: {
            $set: { ownerId: input.userid, updatedAt: currentTime(deps) },
            $pull: { adminIds: input.userid },
            ...queueNotices(notice),
          },
        },
        'permission_denied',
      );
      // The new owner may have left between the check and the change.
      return { changed, settled: await settleOwnership(deps, group._id) };
    },
    mirror: ({ changed, settled }, context) =>
      applyGroupChange(deps, settled ?? changed, { whitelist: [callerId, input.userid] }, context),
  });
  const viewerRole = updated.adminIds.includes(callerId) ? 'admin' : 'member';
  return toGroup(updated, { viewerRole, media: deps.media, baseUrl: caller.baseUrl });
}
