// The owner or an admin removes members (REST's /kick/), optionally banning them. Every listed member must rank
// below the caller, or nothing happens; listed users who are not members are skipped. A ban is written before the
// member is removed, so a join racing the kick finds it on its re-check (membership.ts) and withdraws.
import type { KickRequest, KickResponse } from '@groupchat/contracts';
import { groupBanId, isDuplicateKeyError, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { removeMembers } from './membership.ts';
import { findLiveGroup } from './read-groups.ts';
import { outranks, roleIn, STAFF } from './roles.ts';

export async function kickMembers(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: KickRequest,
): Promise<KickResponse> {
  const callerId = caller.user._id;
  const listed = [...new Set(input.userids)];
  if (listed.includes(callerId)) throw fieldError('userids', 'kick_self');
  // The caller's own membership comes with the listed ones: one query proves the caller a member and finds them.
  const [group, found] = await Promise.all([
    findLiveGroup(deps, input.id),
    deps.db.memberships
      .find(
        { _id: { $in: [...listed, callerId].map((userId) => membershipId(input.id, userId)) } },
        { userId: 1, mutedUntil: 1 },
      )
      .lean(),
  ]);
  const role = roleIn(group, callerId);
  // The owner is a member by the group's own rule; anyone else has to be found among the members.
  const callerFound = role === 'owner' || found.some((membership) => membership.userId === callerId);
  if (!STAFF.includes(role) || !callerFound) throw new AppError('permission_denied');
  const present = found.filter((membership) => membership.userId !== callerId);
  const targets = present.map((membership) => membership.userId);
  if (targets.some((userId) => !outranks(role, roleIn(group, userId))))
    throw new AppError('permission_denied');
  if (targets.length === 0) return { userids: [] };
  const now = currentTime(deps);
  const people = await loadPeople(deps, [callerId, ...targets]);
  const notice = buildNotice(deps, {
    operation: 'Kicked',
    operator: personOf(people, callerId),
    targets: targets.map((userId) => personOf(people, userId)),
    groupName: group.name,
  });
  await withRongCloudSync(
    deps,
    groupTarget(group._id),
    async () => {
      if (input.block)
        await Promise.all(targets.map((userId) => ban(deps, group._id, userId, callerId, now)));
      await removeMembers(deps, group._id, targets, () => notice);
    },
    (signal) =>
      applyGroupChange(
        deps,
        group._id,
        {
          members: targets,
          gags: present.filter((membership) => membership.mutedUntil !== null).map((m) => m.userId),
          whitelist: group.allMuted ? targets.filter((userId) => group.adminIds.includes(userId)) : [],
        },
        signal,
      ),
  );
  return { userids: targets };
}

async function ban(deps: CoreDeps, groupId: number, userId: number, bannedBy: number, bannedAt: Date) {
  try {
    await deps.db.groupBans.create({ _id: groupBanId(groupId, userId), groupId, userId, bannedBy, bannedAt });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}
