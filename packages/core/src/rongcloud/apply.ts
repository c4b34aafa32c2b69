// Brings RongCloud's copy of one target to MongoDB's current state. Every call reads the truth again, so whoever
// holds the lease sends the state as it is now, never a stale intention; RongCloud's group calls are idempotent.
import type { GroupDoc } from '@groupchat/db';
import type { CoreDeps } from '../shared/deps.ts';
import { rongCloudProfileOf } from './profile.ts';
import { rongCloudGroupId, rongCloudUserId } from './rongcloud-deps.ts';

/** Only the given members' presence (and the name) are brought in step: the cheap path of a single change. */
export async function applyGroupMembers(
  deps: CoreDeps,
  groupId: number,
  userIds: number[],
  signal: AbortSignal,
) {
  const group = await deps.db.groups.findById(groupId).lean();
  if (group?.status !== 'live') return dismissInRongCloud(deps, groupId, group, signal);
  const present = await deps.db.memberships.find({ groupId, userId: { $in: userIds } }, { userId: 1 }).lean();
  const presentIds = new Set(present.map((membership) => membership.userId));
  const toRongCloud = (ids: number[]) => ids.map((id) => rongCloudUserId(deps.rongcloud, id));
  await sendMembership(
    deps,
    group,
    toRongCloud(userIds.filter((id) => presentIds.has(id))),
    toRongCloud(userIds.filter((id) => !presentIds.has(id))),
    signal,
  );
}

/** The full repair: read both member lists and send the difference. */
export async function applyWholeGroup(deps: CoreDeps, groupId: number, signal: AbortSignal) {
  const group = await deps.db.groups.findById(groupId).lean();
  if (group?.status !== 'live') return dismissInRongCloud(deps, groupId, group, signal);
  const wanted = (await deps.db.memberships.find({ groupId }, { userId: 1 }).lean()).map((m) =>
    rongCloudUserId(deps.rongcloud, m.userId),
  );
  const held = new Set(
    await deps.rongcloud.client.group.queryMembers(
      { groupId: rongCloudGroupId(deps.rongcloud, groupId) },
      { signal },
    ),
  );
  const wantedSet = new Set(wanted);
  const toJoin = wanted.filter((id) => !held.has(id));
  const toQuit = [...held].filter((id) => !wantedSet.has(id));
  await sendMembership(deps, group, toJoin, toQuit, signal);
}

// join with a name also sets the name; a change without members to join sends the name on its own.
async function sendMembership(
  deps: CoreDeps,
  group: GroupDoc,
  toJoin: string[],
  toQuit: string[],
  signal: AbortSignal,
) {
  const groupId = rongCloudGroupId(deps.rongcloud, group._id);
  const { client } = deps.rongcloud;
  if (toJoin.length > 0)
    await client.group.join({ groupId, groupName: group.name, userIds: toJoin }, { signal });
  else await client.group.refresh({ groupId, groupName: group.name }, { signal });
  if (toQuit.length > 0) await client.group.quit({ groupId, userIds: toQuit }, { signal });
}

// Pending groups count as absent: RongCloud must not know a group before it is live.
async function dismissInRongCloud(
  deps: CoreDeps,
  groupId: number,
  group: GroupDoc | null,
  signal: AbortSignal,
) {
  await deps.rongcloud.client.group.dismiss(
    {
      groupId: rongCloudGroupId(deps.rongcloud, groupId),
      userId: rongCloudUserId(deps.rongcloud, group?.ownerId ?? 0),
    },
    { signal },
  );
}

/** Name and portrait, for users RongCloud knows (those holding a token). */
export async function applyUserProfile(deps: CoreDeps, userId: number, baseUrl: string, signal: AbortSignal) {
  const user = await deps.db.users.findById(userId).lean();
  if (!user?.imToken) return;
  await deps.rongcloud.client.user.refresh(
    { userId: rongCloudUserId(deps.rongcloud, user._id), ...rongCloudProfileOf(deps, user, baseUrl) },
    { signal },
  );
}
