// Mirrors a committed group change to RongCloud inside the request. MongoDB is the truth: when RongCloud is slow,
// down, rate-limiting or refuses, the request still succeeds and the group is marked out of step for the repair.
import type { GroupDoc } from '@groupchat/db';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { rongCloudGroupId, rongCloudUserId } from './rongcloud-deps.ts';

export async function mirrorGroupCreated(deps: CoreDeps, group: GroupDoc): Promise<void> {
  const { rongcloud } = deps;
  try {
    await rongcloud.client.group.create(
      {
        groupId: rongCloudGroupId(rongcloud, group._id),
        groupName: group.name,
        userIds: [rongCloudUserId(rongcloud, group.ownerId)],
      },
      { signal: AbortSignal.timeout(rongcloud.requestDeadlineMs) },
    );
  } catch {
    await markGroupOutOfStep(deps, group._id);
  }
}

export async function markGroupOutOfStep(deps: CoreDeps, groupId: number): Promise<void> {
  await deps.db.groups.updateOne(
    { _id: groupId, outOfStepSince: null },
    { $set: { outOfStepSince: currentTime(deps) } },
  );
}
