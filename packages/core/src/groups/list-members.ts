// The member list: owner first, then by join time; members only. Each member with role, join time and mute, and
// the phone number masked for everyone but the caller (docs/api.md#privacy).
import type { ListMembersRequest, Member, Page } from '@groupchat/contracts';
import { membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toMember } from '../shared/to-contract.ts';
import { findLiveGroup, isMember } from './read-groups.ts';
import { roleIn } from './roles.ts';

export async function listMembers(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: ListMembersRequest,
): Promise<Page<Member>> {
  const { id: groupId, ...query } = input;
  const [group, member] = await Promise.all([
    findLiveGroup(deps, groupId),
    isMember(deps, groupId, caller.user._id),
  ]);
  if (!member) throw new AppError('permission_denied');
  const { skip, pageSize } = pageWindow(query);
  // Position 0 is the owner, a member by the group's own rule; the others follow in join order. The owner's
  // membership is read only for the first page, beside the others.
  const pageOfOthers = (ownerCounted: boolean) => {
    const othersSkip = ownerCounted ? Math.max(0, skip - 1) : skip;
    const othersWanted = ownerCounted && skip === 0 ? pageSize - 1 : pageSize;
    // limit(0) means "no limit" to MongoDB: a page of one that holds the owner asks for no one else.
    if (othersWanted === 0) return Promise.resolve([]);
    return deps.db.memberships
      .find({ groupId, userId: { $ne: group.ownerId } })
      .sort({ joinedAt: 1, _id: 1 })
      .skip(othersSkip)
      .limit(othersWanted)
      .lean();
  };
  const [owner, firstTry] = await Promise.all([
    skip === 0 ? deps.db.memberships.findById(membershipId(groupId, group.ownerId)).lean() : undefined,
    pageOfOthers(true),
  ]);
  const ownerOnPage = owner ?? null;
  // An owner without a membership is a state only a crash mid-change leaves, until the next change settles it.
  const others = owner === null ? await pageOfOthers(false) : firstTry;
  const onPage = [...(ownerOnPage ? [ownerOnPage] : []), ...others];
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
