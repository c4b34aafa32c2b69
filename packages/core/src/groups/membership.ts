// Membership rules shared by join, invite, quit and dismiss: who is a member, adding one safely against a racing
// dismiss, and keeping an owner among the members.
import { type GroupDoc, membershipId } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { releaseCode } from './face-to-face-code.ts';
import { isMember } from './read-groups.ts';
import { type AddOutcome, takeSeat } from './seats.ts';

export async function requireMember(deps: CoreDeps, groupId: number, userId: number): Promise<void> {
  if (!(await isMember(deps, groupId, userId))) throw new AppError('permission_denied');
}

/**
 * Adds a member to a live group. Dismissal marks the group first and deletes memberships second, so a member added
 * after the deletion sees the mark on the re-check below and withdraws: a dismissed group never keeps a member.
 */
export async function seatMember(deps: CoreDeps, group: GroupDoc, userId: number): Promise<AddOutcome> {
  const outcome = await takeSeat(deps, group._id, userId, currentTime(deps));
  if (outcome === 'added') {
    const still = await deps.db.groups.findById(group._id, { status: 1 }).lean();
    if (still?.status !== 'live') {
      await deps.db.memberships.deleteOne({ _id: membershipId(group._id, userId) });
      throw new AppError('not_found');
    }
  }
  return outcome;
}

export async function markDismissed(deps: CoreDeps, group: GroupDoc): Promise<void> {
  const now = currentTime(deps);
  await deps.db.groups.updateOne(
    { _id: group._id, status: 'live' },
    { $set: { status: 'dismissed', dismissedAt: now, updatedAt: now } },
  );
  await deps.db.memberships.deleteMany({ groupId: group._id });
  await releaseCode(deps, group.code, group._id);
}

/**
 * After anyone leaves: if the owner is no longer a member, the longest-standing member becomes owner; with nobody
 * left the group is dismissed. Every leaver runs this after its own delete, so the last one to finish sees the
 * final membership and the outcome does not depend on how concurrent quits interleave.
 */
export async function settleOwnership(deps: CoreDeps, groupId: number): Promise<void> {
  const group = await deps.db.groups.findById(groupId).lean();
  if (group?.status !== 'live') return;
  if (await isMember(deps, groupId, group.ownerId)) return;
  const successor = await deps.db.memberships.findOne({ groupId }).sort({ joinedAt: 1, _id: 1 }).lean();
  if (!successor) return markDismissed(deps, group);
  await deps.db.groups.updateOne(
    { _id: groupId, status: 'live' },
    { $set: { ownerId: successor.userId, updatedAt: currentTime(deps) } },
  );
}

export async function touchActivity(deps: CoreDeps, groupId: number, userId: number): Promise<void> {
  await deps.db.memberships.updateOne(
    { _id: membershipId(groupId, userId) },
    { $set: { activityAt: currentTime(deps) } },
  );
}
