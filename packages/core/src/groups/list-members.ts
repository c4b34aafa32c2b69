// The member list: owner first, then by join time; members only.
import type { PageQuery } from '@groupchat/contracts';
import type { UserDoc } from '@groupchat/db';
import type { CoreDeps } from '../shared/deps.ts';
import { pageWindow } from '../shared/pagination.ts';
import { requireMember } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';

export async function listMembers(
  deps: CoreDeps,
  groupId: number,
  callerId: number,
  query: PageQuery,
): Promise<{ count: number; users: UserDoc[] }> {
  const group = await findLiveGroup(deps, groupId);
  await requireMember(deps, groupId, callerId);
  const { skip, pageSize } = pageWindow(query);
  const { memberships } = deps.db;
  const others = { groupId, userId: { $ne: group.ownerId } };
  const [count, ownerIsMember] = await Promise.all([
    memberships.countDocuments({ groupId }),
    isMember(deps, groupId, group.ownerId),
  ]);
  // Position 0 is the owner; the others follow in join order.
  const ownerOnPage = ownerIsMember && skip === 0;
  const othersSkip = ownerIsMember ? Math.max(0, skip - 1) : skip;
  const rest = await memberships
    .find(others, { userId: 1 })
    .sort({ joinedAt: 1, _id: 1 })
    .skip(othersSkip)
    .limit(ownerOnPage ? pageSize - 1 : pageSize)
    .lean();
  const ids = [...(ownerOnPage ? [group.ownerId] : []), ...rest.map((membership) => membership.userId)];
  const users = await deps.db.users.find({ _id: { $in: ids } }).lean();
  const byId = new Map(users.map((user) => [user._id, user]));
  return { count, users: ids.flatMap((id) => byId.get(id) ?? []) };
}
