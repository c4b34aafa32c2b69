// Leaving and ending groups: a member quits (ownership passes on, the last one out dismisses), the owner dismisses.

import { membershipId } from '@groupchat/db';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { markDismissed, requireMember, settleOwnership } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';

export async function quitGroup(deps: CoreDeps, groupId: number, userId: number): Promise<void> {
  await findLiveGroup(deps, groupId);
  await requireMember(deps, groupId, userId);
  await withRongCloudSync(
    deps,
    groupTarget(groupId),
    async () => {
      await deps.db.memberships.deleteOne({ _id: membershipId(groupId, userId) });
      await settleOwnership(deps, groupId);
    },
    (signal) => applyGroupMembers(deps, groupId, [userId], signal),
  );
}

export async function dismissGroup(deps: CoreDeps, groupId: number, callerId: number): Promise<void> {
  const group = await findLiveGroup(deps, groupId);
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  await withRongCloudSync(
    deps,
    groupTarget(groupId),
    () => markDismissed(deps, group),
    (signal) => applyGroupMembers(deps, groupId, [], signal),
  );
}
