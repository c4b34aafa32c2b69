// Membership rules shared by every way in and out: seating a member safely against a racing dismiss or ban,
// removing members with their count, and keeping exactly one owner among the members.
import {
  type GroupDoc,
  type GroupNoticeDoc,
  groupBanId,
  type MembershipDoc,
  membershipId,
} from '@groupchat/db';
import { queueNotices } from '../rongcloud/notices.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { releaseCode } from './face-to-face-code.ts';
import { isMember } from './read-groups.ts';
import { type AddOutcome, takeSeat } from './seats.ts';

export async function refuseBanned(deps: CoreDeps, groupId: number, userId: number): Promise<void> {
  if (await deps.db.groupBans.exists({ _id: groupBanId(groupId, userId) })) throw new AppError('banned');
}

/**
 * Adds a member to a live group. Dismissal marks the group before it deletes memberships, and a ban is written
 * before the banned member is removed; so a member seated after either sees it on the re-check below and
 * withdraws: a dismissed group keeps no member, and a banned user never stays inside. The count goes up only while
 * the group is live, which is the re-check of the status in the same write.
 */
export interface Seated {
  outcome: AddOutcome;
  /** The group after the seat's count, or as given when the user was a member already. */
  group: GroupDoc;
}

export async function seatMember(
  deps: CoreDeps,
  group: GroupDoc,
  userId: number,
  /** The Add notice, queued by the count's write: a join withdrawn or already made queues nothing. */
  notice?: GroupNoticeDoc,
): Promise<Seated> {
  const outcome = await takeSeat(deps, {
    groupId: group._id,
    userId,
    memberCount: group.memberCount,
    now: currentTime(deps),
  });
  if (outcome !== 'added') return { outcome, group };
  const [counted, banned] = await Promise.all([
    deps.db.groups
      .findOneAndUpdate(
        { _id: group._id, status: 'live' },
        { $inc: { memberCount: 1 }, ...withNotice(notice) },
        { returnDocument: 'after' },
      )
      .lean(),
    deps.db.groupBans.exists({ _id: groupBanId(group._id, userId) }),
  ]);
  if (!counted || banned) {
    // A ban that raced the seat withdraws the Add notice with the count (unless a sender took it meanwhile).
    const withdrawal = { $inc: { memberCount: -1 }, ...(notice ? { $pullAll: { notices: [notice] } } : {}) };
    await Promise.all([
      deps.db.memberships.deleteOne({ _id: membershipId(group._id, userId) }),
      counted && deps.db.groups.updateOne({ _id: group._id }, withdrawal),
    ]);
    throw new AppError(banned ? 'banned' : 'not_found');
  }
  return { outcome, group: counted };
}

/**
 * Removes these users' memberships (those who are members); the count and the admin list follow, and the notice is
 * queued by that same write, so only a removal that happened posts one. Answers the group after it all (null when
 * it is gone).
 */
export async function removeMembers(
  deps: CoreDeps,
  groupId: number,
  userIds: number[],
  notice?: (removed: number) => GroupNoticeDoc | undefined,
): Promise<{ removed: number; group: GroupDoc | null }> {
  const { deletedCount } = await deps.db.memberships.deleteMany({
    _id: { $in: userIds.map((userId) => membershipId(groupId, userId)) },
  });
  if (deletedCount === 0) return { removed: 0, group: await settleOwnership(deps, groupId) };
  return {
    removed: deletedCount,
    group: await countRemoval(deps, groupId, userIds, deletedCount, notice?.(deletedCount)),
  };
}

/** One member leaves: the delete answers the membership it removed (its gag), or null when there was none. */
export async function removeMember(
  deps: CoreDeps,
  groupId: number,
  userId: number,
  notice: () => GroupNoticeDoc,
): Promise<{ membership: MembershipDoc | null; group: GroupDoc | null }> {
  const membership = await deps.db.memberships
    .findOneAndDelete({ _id: membershipId(groupId, userId) })
    .lean();
  if (!membership) return { membership: null, group: null };
  return { membership, group: await countRemoval(deps, groupId, [userId], 1, notice()) };
}

async function countRemoval(
  deps: CoreDeps,
  groupId: number,
  userIds: number[],
  removed: number,
  notice: GroupNoticeDoc | undefined,
): Promise<GroupDoc | null> {
  const group = await deps.db.groups
    .findOneAndUpdate(
      { _id: groupId },
      { $inc: { memberCount: -removed }, $pullAll: { adminIds: userIds }, ...withNotice(notice) },
      { returnDocument: 'after' },
    )
    .lean();
  // The owner stayed: nothing to settle. Every write that changes the owner settles after itself.
  if (group && !userIds.includes(group.ownerId)) return group;
  return settleOwnership(deps, groupId, group);
}

/** The Dismiss notice rides on the status write, so of two racing dismissals only the one that wins posts it. */
export async function markDismissed(
  deps: CoreDeps,
  group: GroupDoc,
  notice?: GroupNoticeDoc,
): Promise<GroupDoc> {
  const now = currentTime(deps);
  const dismissed = await deps.db.groups
    .findOneAndUpdate(
      { _id: group._id, status: 'live' },
      { $set: { status: 'dismissed', dismissedAt: now, updatedAt: now }, ...withNotice(notice) },
      { returnDocument: 'after' },
    )
    .lean();
  await Promise.all([
    deps.db.memberships.deleteMany({ groupId: group._id }),
    deps.db.invitations.deleteMany({ groupId: group._id }),
    releaseCode(deps, group.code, group._id),
  ]);
  return dismissed ?? { ...group, status: 'dismissed', dismissedAt: now };
}

/**
 * After anyone leaves, is removed or is made owner: while the owner is not a member, the longest-standing admin
 * becomes owner, else the longest-standing member; with nobody left the group is dismissed. The owner changes
 * only by compare-and-set on `ownerId`, and every remover and transferrer runs this after its own change, so the
 * last one to finish sees the final membership: however they interleave, one owner, and a member. Answers the
 * group as settled (null when it is gone).
 */
export async function settleOwnership(
  deps: CoreDeps,
  groupId: number,
  known?: GroupDoc | null,
): Promise<GroupDoc | null> {
  // Each round either finishes or lost a compare-and-set to a concurrent change; that many at once is an outage.
  for (let round = 0; round < 50; round++) {
    // The first round may start from the group as the caller's own write just returned it.
    const group = round === 0 && known !== undefined ? known : await deps.db.groups.findById(groupId).lean();
    if (group?.status !== 'live') return group;
    if (await isMember(deps, groupId, group.ownerId)) return group;
    const successor = await longestStanding(deps, group);
    if (successor === undefined) return markDismissed(deps, group);
    // Won or lost, the next round checks the owner again: the successor may have left meanwhile.
    await deps.db.groups.updateOne(
      { _id: groupId, status: 'live', ownerId: group.ownerId },
      { $set: { ownerId: successor, updatedAt: currentTime(deps) }, $pull: { adminIds: successor } },
    );
  }
  throw new AppError('service_unavailable', { retryAfterSeconds: 1 });
}

async function longestStanding(deps: CoreDeps, group: GroupDoc): Promise<number | undefined> {
  const seniority = { joinedAt: 1, _id: 1 } as const;
  if (group.adminIds.length > 0) {
    const admin = await deps.db.memberships
      .findOne({ groupId: group._id, userId: { $in: group.adminIds } }, { userId: 1 })
      .sort(seniority)
      .lean();
    if (admin) return admin.userId;
  }
  const member = await deps.db.memberships
    .findOne({ groupId: group._id }, { userId: 1 })
    .sort(seniority)
    .lean();
  return member?.userId;
}

const withNotice = (notice: GroupNoticeDoc | undefined) => (notice ? queueNotices(notice) : {});

export async function touchActivity(deps: CoreDeps, groupId: number, userId: number): Promise<void> {
  await deps.db.memberships.updateOne(
    { _id: membershipId(groupId, userId) },
    { $set: { activityAt: currentTime(deps) } },
  );
}
