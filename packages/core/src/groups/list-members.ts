// The member list: owner first, then by join time; members only.
import type { ListMembersRequest, Page, User } from '@groupchat/contracts';
import type { SignedInCaller } from '../accounts/caller.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toUser } from '../shared/to-contract.ts';
import { requireMember } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';

export async function listMembers(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: ListMembersRequest,
): Promise<Page<User>> {
  const { id: groupId, ...query } = input;
  const group = await findLiveGroup(deps, groupId);
  await requireMember(deps, groupId, caller.user._id);
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
  const othersWanted = ownerOnPage ? pageSize - 1 : pageSize;
  // limit(0) means "no limit" to MongoDB: a page of one that holds the owner asks for no one else.
  const rest =
    othersWanted === 0
      ? []
      : await memberships
          .find(others, { userId: 1 })
          .sort({ joinedAt: 1, _id: 1 })
          .skip(othersSkip)
          .limit(othersWanted)
          .lean();
  const ids = [...(ownerOnPage ? [group.ownerId] : []), ...rest.map((membership) => membership.userId)];
  const users = await deps.db.users.find({ _id: { $in: ids } }).lean();
  const byId = new Map(users.map((user) => [user._id, user]));
  const results = ids.flatMap((id) => {
    const user = byId.get(id);
    return user ? [toUser(user, deps.media, caller.baseUrl)] : [];
  });
  return buildPage(query, { count, results, url: `${caller.baseUrl}/api/im/group/${groupId}/users/` });
}
