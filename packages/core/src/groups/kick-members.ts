// The owner or an admin removes members (REST's /kick/), optionally banning them. Every listed member must rank
// below the caller, or nothing happens; listed users who are not members are skipped. A ban is written before the
// member is removed, so a join racing the kick finds it on its re-check (membership.ts) and withdraws.
import type { KickRequest, KickResponse } from '@groupchat/contracts';
import { type GroupDoc, groupBanId, isDuplicateKeyError, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { removeMembers } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';
import { outranks, roleIn, STAFF } from './roles.ts';

interface Kicked {
  group: GroupDoc | null;
  targets: number[];
  /** Admins among the targets, as the group stood before the kick. */
  admins: number[];
}

export async function kickMembers(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: KickRequest,
): Promise<KickResponse> {
  const callerId = caller.user._id;
  const listed = [...new Set(input.userids)];
  if (listed.includes(callerId)) throw fieldError('userids', 'kick_self');
  // Read beside the claim, which answers the group: the caller's own membership comes with the listed ones (one
  // query proves the caller a member and finds them), and the names of all of them.
  const reads = Promise.all([
    deps.db.memberships
      .find(
        { _id: { $in: [...listed, callerId].map((userId) => membershipId(input.id, userId)) } },
        { userId: 1, mutedUntil: 1 },
      )
      .lean(),
    loadPeople(deps, [callerId, ...listed]),
  ]);
  reads.catch(() => {});
  const kicked = await withRongCloudSync<GroupDoc, Kicked>(deps, {
    target: groupTarget(input.id),
    // Only the owner or an admin marks the group: anyone else's kick writes nothing.
    where: { status: 'live', $or: [{ ownerId: callerId }, { adminIds: callerId }] },
    unmatched: async () => {
      await findLiveGroup(deps, input.id);
      throw new AppError('permission_denied');
    },
    commit: async (group) => {
      const [found, people] = await reads;
      const role = roleIn(group, callerId);
      // The owner is a member by the group's own rule; anyone else has to be found among the members.
      const callerFound = role === 'owner' || found.some((membership) => membership.userId === callerId);
      if (!STAFF.includes(role) || !callerFound) throw new AppError('permission_denied');
      const present = found.filter((membership) => membership.userId !== callerId);
      const targets = present.map((membership) => membership.userId);
      if (targets.some((userId) => !outranks(role, roleIn(group, userId))))
        throw new AppError('permission_denied');
      const admins = targets.filter((userId) => group.adminIds.includes(userId));
      if (targets.length === 0) return { group: null, targets, admins };
      const notice = buildNotice(deps, {
        operation: 'Kicked',
        operator: personOf(people, callerId),
        targets: targets.map((userId) => personOf(people, userId)),
        groupName: group.name,
      });
      if (input.block) {
        const now = currentTime(deps);
        await Promise.all(targets.map((userId) => ban(deps, group._id, userId, callerId, now)));
      }
      const removed = await removeMembers(deps, group._id, targets, () => notice);
      return { group: removed.group, targets, admins };
    },
    changed: (result) => result.group !== null,
    mirror: ({ group, targets, admins }, context) =>
      applyGroupChange(
        deps,
        group!,
        // Every target's gag is lifted: the memberships were read before the claim, and a mute may have come since.
        { members: targets, gags: targets, whitelist: group!.allMuted ? admins : [] },
        context,
        [],
      ),
  });
  return { userids: kicked.targets };
}

async function ban(deps: CoreDeps, groupId: number, userId: number, bannedBy: number, bannedAt: Date) {
  try {
    await deps.db.groupBans.create({ _id: groupBanId(groupId, userId), groupId, userId, bannedBy, bannedAt });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
