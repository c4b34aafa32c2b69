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
import { markDismissed, removeMember } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';

export async function quitGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: GroupIdRequest,
): Promise<Detail> {
  const groupId = input.id;
  const userId = caller.user._id;
  // Before the claim: a non-member's quit writes nothing.
  const [member, people] = await Promise.all([
    deps.db.memberships.exists({ _id: membershipId(groupId, userId) }),
    loadPeople(deps, [userId]),
  ]);
  if (!member) {
    await findLiveGroup(deps, groupId);
    throw new AppError('permission_denied');
  }
  let mutedUntil: Date | null = null;
  await withRongCloudSync<GroupDoc, GroupDoc | null>(deps, {
    target: groupTarget(groupId),
    where: { status: 'live' },
    commit: async (group) => {
      const operator = personOf(people, userId);
      // The delete answers what it removed: the gag as it is now, under the hold.
      const left = await removeMember(deps, groupId, userId, () =>
        buildNotice(deps, { operation: 'Quit', operator, groupName: group.name }),
      );
      mutedUntil = left.membership?.mutedUntil ?? null;
      return left.group;
    },
    // A quit that raced another of the same member's removes nothing.
    changed: (group) => group !== null,
    mirror: (group, context) =>
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
    // Only the owner marks the group: anyone else's dismissal writes nothing.
    where: { status: 'live', ownerId: operatorId },
    unmatched: async () => {
      await findLiveGroup(deps, input.id);
      throw new AppError('permission_denied');
    },
    commit: async (group) => {
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
