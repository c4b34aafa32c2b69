// The member list: owner first, then by join time; members only. Each member with role, join time and mute, and
// the phone number masked for everyone but the caller (docs/api.md#privacy).
import type { ListMembersRequest, Member, Page } from '@groupchat/contracts';
import type { SignedInCaller } from '../accounts/caller.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toMember } from '../shared/to-contract.ts';
import { requireMember } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';
import { roleIn } from './roles.ts';

export async function listMembers(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: ListMembersRequest,
): Promise<Page<Member>> {
  const { id: groupId, ...query } = input;
  const group = await findLiveGroup(deps, groupId);
  await requireMember(deps, groupId, caller.user._id);
  const { skip, pageSize } = pageWindow(query);
  const { memberships } = deps.db;
  const owner = await memberships.findOne({ groupId, userId: group.ownerId }).lean();
  // Position 0 is the owner; the others follow in join order.
  const ownerOnPage = owner !== null && skip === 0;
  const othersSkip = owner ? Math.max(0, skip - 1) : skip;
  const othersWanted = ownerOnPage ? pageSize - 1 : pageSize;
  // limit(0) means "no limit" to MongoDB: a page of one that holds the owner asks for no one else.
  const others =
    othersWanted === 0
      ? []
      : await memberships
          .find({ groupId, userId: { $ne: group.ownerId } })
          .sort({ joinedAt: 1, _id: 1 })
          .skip(othersSkip)
          .limit(othersWanted)
          .lean();
  const onPage = [...(ownerOnPage ? [owner] : []), ...others];
  const users = await deps.db.users
    .find({ _id: { $in: onPage.map((membership) => membership.userId) } })
    .lean();
  const byId = new Map(users.map((user) => [user._id, user]));
  const view = {
    media: deps.media,
    baseUrl: caller.baseUrl,
    now: currentTime(deps),
    viewerId: caller.user._id,
    memberPhone: deps.settings.memberPhone,
  };
  const results = onPage.flatMap((membership) => {
    const user = byId.get(membership.userId);
    return user ? [toMember(user, membership, roleIn(group, user._id), view)] : [];
  });
  return buildPage(query, {
    count: group.memberCount,
    results,
    url: `${caller.baseUrl}/api/im/group/${groupId}/users/`,
  });
}
