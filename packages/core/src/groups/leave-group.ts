// Leaving and ending groups: a member quits (ownership passes on, the last one out dismisses), the owner dismisses.
import { type Detail, type GroupIdRequest, SUCCESS_DETAIL } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { markDismissed, removeMembers } from './membership.ts';

export async function quitGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GroupIdRequest,
): Promise<Detail> {
  const groupId = input.id;
  const userId = caller.user._id;
  // Read beside the claim, which answers the group.
  const reads = Promise.all([
    deps.db.memberships.findById(membershipId(groupId, userId), { mutedUntil: 1 }).lean(),
    loadPeople(deps, [userId]),
  ]);
  reads.catch(() => {});
  let mutedUntil: Date | null = null;
  await withRongCloudSync<GroupDoc, { removed: number; group: GroupDoc | null }>(deps, {
    target: groupTarget(groupId),
    where: { status: 'live' },
    commit: async (group) => {
      const [membership, people] = await reads;
      if (!membership) throw new AppError('permission_denied');
      mutedUntil = membership.mutedUntil;
      return removeMembers(deps, groupId, [userId], () =>
        buildNotice(deps, { operation: 'Quit', operator: personOf(people, userId), groupName: group.name }),
      );
    },
    // A quit that raced another of the same member's removed nothing, but may have settled the owner: sent too.
    changed: ({ group }) => group !== null,
    mirror: ({ group }, context) =>
      applyGroupChange(
        deps,
        group!,
        {
          members: [userId],
          // RongCloud keeps a gag across leaving and re-joining; ours ends with the membership.
          gags: mutedUntil ? [userId] : [],
          whitelist: group!.allMuted ? [userId] : [],
        },
        context,
        [],
      ),
  });
  return { detail: SUCCESS_DETAIL };
}

export async function dismissGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GroupIdRequest,
): Promise<Detail> {
  const operatorId = caller.user._id;
  const people = loadPeople(deps, [operatorId]);
  people.catch(() => {});
  await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
    target: groupTarget(input.id),
    where: { status: 'live' },
    commit: async (group) => {
      if (group.ownerId !== operatorId) throw new AppError('permission_denied');
      const operator = personOf(await people, operatorId);
      return markDismissed(
        deps,
        group,
        buildNotice(deps, { operation: 'Dismiss', operator, groupName: group.name }),
      );
    },
    mirror: (group, context) => applyGroupChange(deps, group, {}, context, []),
  });
  return { detail: SUCCESS_DETAIL };
}
