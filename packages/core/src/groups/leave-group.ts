// Leaving and ending groups: a member quits (ownership passes on, the last one out dismisses), the owner dismisses.
import { type Detail, type GroupIdRequest, SUCCESS_DETAIL } from '@groupchat/contracts';
import { membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange, applyGroupMembers } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { markDismissed, removeMembers } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';

export async function quitGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GroupIdRequest,
): Promise<Detail> {
  const groupId = input.id;
  const userId = caller.user._id;
  const [group, membership, people] = await Promise.all([
    findLiveGroup(deps, groupId),
    deps.db.memberships.findById(membershipId(groupId, userId), { mutedUntil: 1 }).lean(),
    loadPeople(deps, [userId]),
  ]);
  if (!membership) throw new AppError('permission_denied');
  await withRongCloudSync(
    deps,
    groupTarget(groupId),
    () =>
      removeMembers(deps, groupId, [userId], () =>
        buildNotice(deps, { operation: 'Quit', operator: personOf(people, userId), groupName: group.name }),
      ),
    (signal) =>
      applyGroupChange(
        deps,
        groupId,
        {
          members: [userId],
          // RongCloud keeps a gag across leaving and re-joining; ours ends with the membership.
          gags: membership.mutedUntil ? [userId] : [],
          whitelist: group.allMuted ? [userId] : [],
        },
        signal,
      ),
  );
  return { detail: SUCCESS_DETAIL };
}

export async function dismissGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GroupIdRequest,
): Promise<Detail> {
  const [group, people] = await Promise.all([
    findLiveGroup(deps, input.id),
    loadPeople(deps, [caller.user._id]),
  ]);
  if (group.ownerId !== caller.user._id) throw new AppError('permission_denied');
  await withRongCloudSync(
    deps,
    groupTarget(group._id),
    () =>
      markDismissed(
        deps,
        group,
        buildNotice(deps, {
          operation: 'Dismiss',
          operator: personOf(people, caller.user._id),
          groupName: group.name,
        }),
      ),
    (signal) => applyGroupMembers(deps, group._id, [], signal),
  );
  return { detail: SUCCESS_DETAIL };
}
