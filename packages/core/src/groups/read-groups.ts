// Reads of groups: one group by id (anyone), and the caller's groups ordered by their latest activity.
import type { ErrorCode, Group, GroupIdRequest, ListGroupsRequest, Page } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import type { UpdateQuery } from 'mongoose';
import type { Caller, SignedInCaller } from '../accounts/caller.ts';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toGroup } from '../shared/to-contract.ts';
import { NOT_YET_LIVE } from './create-group.ts';
import { roleIn } from './roles.ts';

export async function findLiveGroup(deps: CoreDeps, groupId: number): Promise<GroupDoc> {
  // By _id alone, then the status: the plainest lookup for any database's primary index (docs/ferretdb.md).
  const group = await deps.db.groups.findById(groupId).lean();
  if (group?.status !== 'live') throw new AppError('not_found');
  return group;
}

export async function isMember(
  deps: CoreDeps,
  groupId: number,
  userId: number | undefined,
): Promise<boolean> {
  if (userId === undefined) return false;
  return (await deps.db.memberships.exists({ _id: membershipId(groupId, userId) })) !== null;
}

/**
 * Changes a live group in one atomic write, under extra conditions when given, and answers the group as written;
 * refuses with `refusal` when the group is not live or a condition does not hold (any more).
 */
export async function updateLiveGroup(
  deps: CoreDeps,
  change: { groupId: number; where?: Record<string, unknown>; update: UpdateQuery<GroupDoc> },
  refusal: ErrorCode = 'not_found',
): Promise<GroupDoc> {
  const updated = await deps.db.groups
    .findOneAndUpdate({ _id: change.groupId, status: 'live', ...change.where }, change.update, {
      returnDocument: 'after',
    })
    .lean();
  if (!updated) throw new AppError(refusal);
  return updated;
}

/** Anyone may look a group up by id; the code is shown to its members only. */
export async function retrieveGroup(deps: CoreDeps, caller: Caller, input: GroupIdRequest): Promise<Group> {
  const group = await findLiveGroup(deps, input.id);
  const userId = caller.user?._id;
  const viewerRole =
    userId !== undefined && (await isMember(deps, group._id, userId)) ? roleIn(group, userId) : null;
  return toGroup(group, { viewerRole, media: deps.media, baseUrl: caller.baseUrl });
}

export async function listGroups(
  deps: CoreDeps,
  caller: SignedInCaller,
  query: ListGroupsRequest,
): Promise<Page<Group>> {
  const userId = caller.user._id;
  const window = pageWindow(query);
  const [count, memberships] = await Promise.all([
    // Not the owner's seat in a group still being created (create-group.ts NOT_YET_LIVE).
    deps.db.memberships.countDocuments({ userId, activityAt: { $gt: NOT_YET_LIVE } }),
    deps.db.memberships
      .find({ userId }, { groupId: 1 })
      .sort({ activityAt: -1, _id: -1 })
      .skip(window.skip)
      .limit(window.pageSize)
      .lean(),
  ]);
  const ids = memberships.map((membership) => membership.groupId);
  const groups = await deps.db.groups.find({ _id: { $in: ids }, status: 'live' }).lean();
  const byId = new Map(groups.map((group) => [group._id, group]));
  const results = ids.flatMap((id) => {
    const group = byId.get(id);
    if (!group) return [];
    return [
      toGroup(group, { viewerRole: roleIn(group, userId), media: deps.media, baseUrl: caller.baseUrl }),
    ];
  });
  return buildPage(query, { count, results, url: `${caller.baseUrl}/api/im/group/` });
}
