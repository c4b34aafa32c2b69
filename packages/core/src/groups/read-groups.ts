// Reads of groups: one group by id (anyone), and the caller's groups ordered by their latest activity.
import type { PageQuery } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { pageWindow } from '../shared/pagination.ts';

export async function findLiveGroup(deps: CoreDeps, groupId: number): Promise<GroupDoc> {
  // By _id alone, then the status: the plainest lookup for any database's primary index (docs/ferretdb.md).
  const group = await deps.db.groups.findById(groupId).lean();
  if (group?.status !== 'live') throw new AppError('not_found');
  return group;
}

export async function isMember(
  deps: CoreDeps,
  groupId: number,
  userId: number | undefined,
): Promise<boolean> {
  if (userId === undefined) return false;
  return (await deps.db.memberships.exists({ _id: membershipId(groupId, userId) })) !== null;
}

export async function listMyGroups(
  deps: CoreDeps,
  userId: number,
  query: PageQuery,
): Promise<{ count: number; groups: GroupDoc[] }> {
  const window = pageWindow(query);
  const [count, memberships] = await Promise.all([
    deps.db.memberships.countDocuments({ userId }),
    deps.db.memberships
      .find({ userId }, { groupId: 1 })
      .sort({ activityAt: -1, _id: -1 })
      .skip(window.skip)
      .limit(window.pageSize)
      .lean(),
  ]);
  const ids = memberships.map((membership) => membership.groupId);
  const groups = await deps.db.groups.find({ _id: { $in: ids }, status: 'live' }).lean();
  const byId = new Map(groups.map((group) => [group._id, group]));
  return { count, groups: ids.flatMap((id) => byId.get(id) ?? []) };
}
