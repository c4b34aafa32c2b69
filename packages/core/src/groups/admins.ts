// The owner appoints and removes admins. The admin list lives in the group's document, so an appointment is one
// conditional update that holds the cap (`adminIds.<cap - 1>` must not exist yet) whatever races it.
import { type Detail, SUCCESS_DETAIL, type TargetRequest, type UserIdResponse } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { findLiveGroup, isMember } from './read-groups.ts';

export async function addAdmin(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: TargetRequest,
): Promise<UserIdResponse> {
  const callerId = caller.user._id;
  const group = await findLiveGroup(deps, input.id);
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  if (input.userid === callerId) throw fieldError('userid', 'transfer_self');
  if (group.adminIds.includes(input.userid)) return { userid: input.userid };
  if (!(await isMember(deps, group._id, input.userid))) throw fieldError('userid', 'not_a_member');
  const cap = deps.settings.limits.maxAdminsPerGroup;
  const people = await loadPeople(deps, [callerId, input.userid]);
  const notice = buildNotice(deps, {
    operation: 'SetManager',
    operator: personOf(people, callerId),
    targets: [personOf(people, input.userid)],
    groupName: group.name,
  });
  await withRongCloudSync<GroupDoc, GroupDoc | null>(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: async () => {
      const appointed = await deps.db.groups
        .findOneAndUpdate(
          {
            _id: group._id,
            status: 'live',
            ownerId: callerId,
            adminIds: { $ne: input.userid },
            [`adminIds.${cap - 1}`]: { $exists: false },
          },
          { $addToSet: { adminIds: input.userid }, ...queueNotices(notice) },
          { returnDocument: 'after' },
        )
        .lean();
      if (!appointed) await explainRefusal(deps, group._id, callerId, input.userid);
      // A member who left meanwhile must not keep a seat among the admins.
      if (!(await isMember(deps, group._id, input.userid))) {
        // With its notice: an appointment undone is never announced.
        await deps.db.groups.updateOne(
          { _id: group._id },
          { $pull: { adminIds: input.userid }, $pullAll: { notices: [notice] } },
        );
        throw fieldError('userid', 'not_a_member');
      }
      return appointed;
    },
    changed: (appointed) => appointed !== null,
    mirror: (appointed, context) =>
      applyGroupChange(deps, appointed!, { whitelist: [input.userid] }, context),
  });
  return { userid: input.userid };
}

// Which condition of the appointment failed, read after the fact; an appointment already made is no failure.
async function explainRefusal(deps: CoreDeps, groupId: number, callerId: number, userId: number) {
  const group = await deps.db.groups.findById(groupId, { status: 1, ownerId: 1, adminIds: 1 }).lean();
  if (group?.status !== 'live') throw new AppError('not_found');
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  if (group.adminIds.includes(userId)) return;
  throw new AppError('too_many_admins');
}

export async function removeAdmin(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: TargetRequest,
): Promise<Detail> {
  const callerId = caller.user._id;
  const group = await findLiveGroup(deps, input.id);
  if (group.ownerId !== callerId) throw new AppError('permission_denied');
  if (!group.adminIds.includes(input.userid)) return { detail: SUCCESS_DETAIL };
  const people = await loadPeople(deps, [callerId, input.userid]);
  const notice = buildNotice(deps, {
    operation: 'RemoveManager',
    operator: personOf(people, callerId),
    targets: [personOf(people, input.userid)],
    groupName: group.name,
  });
  await withRongCloudSync<GroupDoc, GroupDoc | null>(deps, {
    target: groupTarget(group._id),
    where: { status: 'live' },
    commit: async () => {
      // Only while the admin still is one: a removal that changes nothing posts nothing.
      const removed = await deps.db.groups
        .findOneAndUpdate(
          { _id: group._id, status: 'live', ownerId: callerId, adminIds: input.userid },
          { $pull: { adminIds: input.userid }, ...queueNotices(notice) },
          { returnDocument: 'after' },
        )
        .lean();
      if (removed) return removed;
      const now = await deps.db.groups.findById(group._id, { status: 1, ownerId: 1 }).lean();
      if (now?.status === 'live' && now.ownerId === callerId) return null;
      throw new AppError('permission_denied');
    },
    changed: (removed) => removed !== null,
    mirror: (removed, context) => applyGroupChange(deps, removed!, { whitelist: [input.userid] }, context),
  });
  return { detail: SUCCESS_DETAIL };
}
