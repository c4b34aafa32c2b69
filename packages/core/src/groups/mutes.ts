// Mutes: the owner or an admin mutes a member of lower rank for a while or until lifted, lifts it, or mutes the
// whole group (only the owner and admins may speak then). RongCloud enforces them in the chat; we keep the truth.
import {
  type Detail,
  type Group,
  type MuteAllRequest,
  type MuteRequest,
  type MuteResponse,
  SUCCESS_DETAIL,
  type TargetRequest,
} from '@groupchat/contracts';
import { type GroupDoc, type GroupNoticeDoc, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { toGroup, UNTIL_LIFTED } from '../shared/to-contract.ts';
import { findLiveGroup, isMember, updateLiveGroup } from './read-groups.ts';
import { outranks, requireRole, roleIn, STAFF } from './roles.ts';

export async function muteMember(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: MuteRequest,
): Promise<MuteResponse> {
  const group = await findLiveGroup(deps, input.id);
  const { role } = await requireRole(deps, group, caller.user._id, STAFF);
  if (!(await isMember(deps, group._id, input.userid))) throw fieldError('userid', 'not_a_member');
  if (!outranks(role, roleIn(group, input.userid))) throw new AppError('permission_denied');
  const mutedUntil =
    input.minutes === undefined
      ? UNTIL_LIFTED
      : new Date(currentTime(deps).getTime() + input.minutes * 60_000);
  const notice = await muteNotice(deps, caller, group, input.userid, input.minutes ?? null);
  await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: async () => {
      const { matchedCount } = await deps.db.memberships.updateOne(
        { _id: membershipId(group._id, input.userid) },
        { $set: { mutedUntil } },
      );
      if (matchedCount === 0) throw fieldError('userid', 'not_a_member');
      return queueOnGroup(deps, group, notice);
    },
    mirror: (queued, context) =>
      applyGroupChange(deps, queued, { gags: [input.userid] }, context, [
        { userId: input.userid, mutedUntil },
      ]),
  });
  return {
    userid: input.userid,
    muted_until: mutedUntil === UNTIL_LIFTED ? null : mutedUntil.toISOString(),
  };
}

export async function unmuteMember(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: TargetRequest,
): Promise<Detail> {
  const group = await findLiveGroup(deps, input.id);
  const { role } = await requireRole(deps, group, caller.user._id, STAFF);
  const membership = await deps.db.memberships.findById(membershipId(group._id, input.userid)).lean();
  if (!membership || membership.mutedUntil === null) return { detail: SUCCESS_DETAIL };
  if (!outranks(role, roleIn(group, input.userid))) throw new AppError('permission_denied');
  await withRongCloudSync<GroupDoc, GroupDoc | null>(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: async () => {
      const notice = await muteNotice(deps, caller, group, input.userid, false);
      const { modifiedCount } = await deps.db.memberships.updateOne(
        { _id: membership._id, mutedUntil: { $ne: null } },
        { $set: { mutedUntil: null } },
      );
      return modifiedCount > 0 ? queueOnGroup(deps, group, notice) : null;
    },
    changed: (queued) => queued !== null,
    mirror: (queued, context) =>
      applyGroupChange(deps, queued!, { gags: [input.userid] }, context, [
        { userId: input.userid, mutedUntil: null },
      ]),
  });
  return { detail: SUCCESS_DETAIL };
}

export async function setMuteAll(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: MuteAllRequest,
): Promise<Group> {
  const group = await findLiveGroup(deps, input.id);
  const [{ role }, people] = await Promise.all([
    requireRole(deps, group, caller.user._id, STAFF),
    loadPeople(deps, [caller.user._id]),
  ]);
  const updated = await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: () =>
      updateLiveGroup(deps, {
        groupId: group._id,
        update: {
          $set: { allMuted: input.enabled, updatedAt: currentTime(deps) },
          ...queueNotices(
            buildNotice(deps, {
              operation: 'MuteAll',
              operator: personOf(people, caller.user._id),
              groupName: group.name,
              detail: input.enabled,
            }),
          ),
        },
      }),
    mirror: (committed, context) => applyGroupChange(deps, committed, { muteAll: true }, context, []),
  });
  return toGroup(updated, { viewerRole: role, media: deps.media, baseUrl: caller.baseUrl });
}

async function muteNotice(
  deps: CoreDeps,
  caller: SignedInCaller,
  group: GroupDoc,
  userId: number,
  detail: number | null | false,
) {
  const people = await loadPeople(deps, [caller.user._id, userId]);
  return buildNotice(deps, {
    operation: 'Mute',
    operator: personOf(people, caller.user._id),
    targets: [personOf(people, userId)],
    groupName: group.name,
    detail,
  });
}

// A member's mute lives in the membership, so its notice takes a second write, to the group, after the mute's own:
// a crash between the two loses this notice (docs/rongcloud.md, "Limits").
async function queueOnGroup(deps: CoreDeps, group: GroupDoc, notice: GroupNoticeDoc): Promise<GroupDoc> {
  const queued = await deps.db.groups
    .findOneAndUpdate({ _id: group._id }, queueNotices(notice), { returnDocument: 'after' })
    .lean();
  return queued ?? group;
}
