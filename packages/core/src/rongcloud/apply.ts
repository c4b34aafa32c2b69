// Brings RongCloud's copy of one target to the state its holder committed or read (sync.ts): a change sends what its
// own write returned, a repair what it read after claiming; RongCloud's group calls are idempotent.
// What RongCloud holds of a group: its name and members, each member's gag, the group-wide ban (mute-all) and its
// whitelist, which is the owner and admins while the group is muted and empty otherwise.
import { type GroupDoc, type MembershipDoc, membershipId, type UserDoc } from '@groupchat/db';
import type { CoreDeps } from '../shared/deps.ts';
import { currentTime } from '../shared/deps.ts';
import { UNTIL_LIFTED } from '../shared/to-contract.ts';
import { rongCloudProfileOf } from './profile.ts';
import { rongCloudGroupId, rongCloudUserId } from './rongcloud-deps.ts';
import { sendNotices } from './send-notices.ts';
import type { MirrorContext } from './sync.ts';

type Gag = Pick<MembershipDoc, 'userId' | 'mutedUntil'>;

/** What a change touched: the users whose presence, gag or whitelist entry may differ, or the group's ban. */
export interface GroupChange {
  members?: number[];
  gags?: number[];
  whitelist?: number[];
  muteAll?: true;
}

/**
 * The cheap path of a single change: only what it touched is brought in step (and the name, always). `group` is
 * the group as the change's own write returned it; `memberships`, when the change knows them, are the touched
 * users' memberships after it (a user absent from them is not a member), else they are read.
 */
export async function applyGroupChange(
  deps: CoreDeps,
  group: GroupDoc,
  change: GroupChange,
  context: MirrorContext,
  memberships?: Gag[],
) {
  const { signal } = context;
  if (group.status !== 'live') return dismissInRongCloud(deps, group, context);
  const touched = [
    ...new Set([...(change.members ?? []), ...(change.gags ?? []), ...(change.whitelist ?? [])]),
  ];
  const known =
    memberships ??
    (touched.length === 0
      ? []
      : await deps.db.memberships
          .find(
            { _id: { $in: touched.map((userId) => membershipId(group._id, userId)) } },
            { userId: 1, mutedUntil: 1 },
          )
          .lean());
  const byUser = new Map(known.map((membership) => [membership.userId, membership]));
  const members = change.members ?? [];
  await sendMembership(
    deps,
    group,
    members.filter((id) => byUser.has(id)).map((id) => rcUser(deps, id)),
    members.filter((id) => !byUser.has(id)).map((id) => rcUser(deps, id)),
    context,
  );
  if (change.gags?.length) await sendGags(deps, group, change.gags, byUser, signal);
  if (change.muteAll) await sendMuteAll(deps, group, signal);
  else if ((change.whitelist?.length || change.members?.length) && group.allMuted) {
    // Whoever the change made owner (a transfer, a succession) may speak too.
    const present = new Set(byUser.keys());
    if (!present.has(group.ownerId)) present.add(group.ownerId);
    await sendWhitelist(
      deps,
      group,
      [...new Set([...(change.whitelist ?? []), group.ownerId])],
      present,
      signal,
    );
  }
}

/** The full repair: read what RongCloud holds and send the difference; recount the members on the way. */
export async function applyWholeGroup(deps: CoreDeps, group: GroupDoc, context: MirrorContext) {
  const { signal } = context;
  const groupId = group._id;
  if (group.status !== 'live') return dismissInRongCloud(deps, group, context);
  const memberships = await deps.db.memberships.find({ groupId }, { userId: 1, mutedUntil: 1 }).lean();
  if (memberships.length !== group.memberCount) {
    await deps.db.groups.updateOne({ _id: groupId }, { $set: { memberCount: memberships.length } });
  }
  const { client } = deps.rongcloud;
  const rcGroupId = rongCloudGroupId(deps.rongcloud, groupId);
  const wanted = memberships.map((membership) => rcUser(deps, membership.userId));
  const [held, gagged, banned, whitelisted] = await Promise.all([
    client.group.queryMembers({ groupId: rcGroupId }, { signal }),
    client.group.listGagged({ groupId: rcGroupId }, { signal }),
    client.group.queryMuteAll({ groupIds: [rcGroupId] }, { signal }),
    client.group.queryMuteWhitelist({ groupId: rcGroupId }, { signal }),
  ]);
  const heldSet = new Set(held);
  const wantedSet = new Set(wanted);
  await sendMembership(
    deps,
    group,
    wanted.filter((id) => !heldSet.has(id)),
    held.filter((id) => !wantedSet.has(id)),
    context,
  );
  const byUser = new Map(memberships.map((membership) => [membership.userId, membership]));
  const gagHeld = new Map(gagged.map((gag) => [gag.userId, gag.until]));
  const now = currentTime(deps);
  const gagsOff = memberships
    .filter((membership) => !isMuted(membership, now) && gagHeld.has(rcUser(deps, membership.userId)))
    .map((membership) => membership.userId);
  const strangersGagged = gagged.map((gag) => gag.userId).filter((id) => !wantedSet.has(id));
  const gagsOn = memberships
    .filter(
      (membership) =>
        isMuted(membership, now) && !sameUntil(gagHeld.get(rcUser(deps, membership.userId)), membership),
    )
    .map((membership) => membership.userId);
  await sendGags(deps, group, [...gagsOn, ...gagsOff], byUser, signal);
  if (strangersGagged.length > 0) {
    await client.group.ungagMembers({ groupId: rcGroupId, userIds: strangersGagged }, { signal });
  }
  const isBanned = banned.some((entry) => entry.muted);
  const staff = staffOf(group, new Set(byUser.keys()));
  const wantedWhitelist = new Set(group.allMuted ? staff.map((id) => rcUser(deps, id)) : []);
  if (isBanned !== group.allMuted) {
    if (group.allMuted) await client.group.muteAll({ groupIds: [rcGroupId] }, { signal });
    else await client.group.unmuteAll({ groupIds: [rcGroupId] }, { signal });
  }
  const whitelistOn = [...wantedWhitelist].filter((id) => !whitelisted.includes(id));
  const whitelistOff = whitelisted.filter((id) => !wantedWhitelist.has(id));
  if (whitelistOn.length > 0)
    await client.group.addToMuteWhitelist({ groupId: rcGroupId, userIds: whitelistOn }, { signal });
  if (whitelistOff.length > 0) {
    await client.group.removeFromMuteWhitelist({ groupId: rcGroupId, userIds: whitelistOff }, { signal });
  }
}

const rcUser = (deps: CoreDeps, userId: number) => rongCloudUserId(deps.rongcloud, userId);

const isMuted = (membership: Pick<MembershipDoc, 'mutedUntil'>, now: Date) =>
  membership.mutedUntil !== null && membership.mutedUntil > now;

// RongCloud counts in whole minutes: an end time within a minute of ours is the same gag.
function sameUntil(held: Date | null | undefined, membership: Pick<MembershipDoc, 'mutedUntil'>): boolean {
  if (held === undefined) return false;
  const permanent = membership.mutedUntil?.getTime() === UNTIL_LIFTED.getTime();
  if (held === null || permanent) return held === null && permanent;
  return Math.abs(held.getTime() - membership.mutedUntil!.getTime()) <= 60_000;
}

/** Owner and admins who are members: those who may speak while the group is muted. */
function staffOf(group: GroupDoc, members: Set<number>): number[] {
  return [group.ownerId, ...group.adminIds].filter((id) => members.has(id));
}

// join with a name also sets the name; a change without members to join sends the name on its own. The group's
// queued notices go between: an Add after its members are in, a Kicked or Quit before they leave.
async function sendMembership(
  deps: CoreDeps,
  group: GroupDoc,
  toJoin: string[],
  toQuit: string[],
  context: MirrorContext,
) {
  const { signal } = context;
  const groupId = rongCloudGroupId(deps.rongcloud, group._id);
  const { client } = deps.rongcloud;
  if (toJoin.length > 0)
    await client.group.join({ groupId, groupName: group.name, userIds: toJoin }, { signal });
  else await client.group.refresh({ groupId, groupName: group.name }, { signal });
  await sendNotices(deps, group, context);
  if (toQuit.length > 0) await client.group.quit({ groupId, userIds: toQuit }, { signal });
}

/** Each user's gag as our truth has it: muted members for the rest of their term, everyone else none. */
async function sendGags(
  deps: CoreDeps,
  group: GroupDoc,
  userIds: number[],
  memberships: Map<number, Gag>,
  signal: AbortSignal,
) {
  const groupId = rongCloudGroupId(deps.rongcloud, group._id);
  const { client } = deps.rongcloud;
  const now = currentTime(deps);
  const byMinutes = new Map<number, string[]>();
  const lifted: string[] = [];
  for (const userId of userIds) {
    const membership = memberships.get(userId);
    if (!membership || !isMuted(membership, now)) {
      lifted.push(rcUser(deps, userId));
      continue;
    }
    const until = membership.mutedUntil!;
    // 0 is RongCloud's "until lifted"; a term is rounded up to whole minutes.
    const minutes =
      until.getTime() === UNTIL_LIFTED.getTime()
        ? 0
        : Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
    byMinutes.set(minutes, [...(byMinutes.get(minutes) ?? []), rcUser(deps, userId)]);
  }
  for (const [minutes, ids] of byMinutes)
    await client.group.gagMembers({ groupId, userIds: ids, minutes }, { signal });
  if (lifted.length > 0) await client.group.ungagMembers({ groupId, userIds: lifted }, { signal });
}

/** The group-wide ban and the whole whitelist, as `allMuted` says. */
async function sendMuteAll(deps: CoreDeps, group: GroupDoc, signal: AbortSignal) {
  const groupId = rongCloudGroupId(deps.rongcloud, group._id);
  const { client } = deps.rongcloud;
  if (group.allMuted) {
    const members = await deps.db.memberships
      .find({ groupId: group._id, userId: { $in: [group.ownerId, ...group.adminIds] } }, { userId: 1 })
      .lean();
    const staff = staffOf(group, new Set(members.map((membership) => membership.userId)));
    await client.group.muteAll({ groupIds: [groupId] }, { signal });
    await client.group.addToMuteWhitelist(
      { groupId, userIds: staff.map((id) => rcUser(deps, id)) },
      { signal },
    );
    return;
  }
  await client.group.unmuteAll({ groupIds: [groupId] }, { signal });
  await clearWhitelist(deps, groupId, signal);
}

/** While the group is muted: staff among these users on the whitelist, the others off it. */
async function sendWhitelist(
  deps: CoreDeps,
  group: GroupDoc,
  userIds: number[],
  members: Set<number>,
  signal: AbortSignal,
) {
  const groupId = rongCloudGroupId(deps.rongcloud, group._id);
  const staff = new Set(staffOf(group, members));
  const on = userIds.filter((id) => staff.has(id)).map((id) => rcUser(deps, id));
  const off = userIds.filter((id) => !staff.has(id)).map((id) => rcUser(deps, id));
  const { client } = deps.rongcloud;
  if (on.length > 0) await client.group.addToMuteWhitelist({ groupId, userIds: on }, { signal });
  if (off.length > 0) await client.group.removeFromMuteWhitelist({ groupId, userIds: off }, { signal });
}

async function clearWhitelist(deps: CoreDeps, groupId: string, signal: AbortSignal) {
  const { client } = deps.rongcloud;
  const listed = await client.group.queryMuteWhitelist({ groupId }, { signal });
  if (listed.length > 0) await client.group.removeFromMuteWhitelist({ groupId, userIds: listed }, { signal });
}

// Pending groups count as absent: RongCloud must not know a group before it is live (and a pending group has no
// notice). RongCloud keeps a group's ban and whitelist across a dismissal, so both are rolled back with it.
async function dismissInRongCloud(deps: CoreDeps, group: GroupDoc, context: MirrorContext) {
  const { signal } = context;
  const rcGroupId = rongCloudGroupId(deps.rongcloud, group._id);
  const { client } = deps.rongcloud;
  // Before the members leave: the Dismiss notice, and whatever was queued before it, reaches them all.
  await sendNotices(deps, group, context);
  await client.group.dismiss({ groupId: rcGroupId, userId: rcUser(deps, group.ownerId) }, { signal });
  if (group.allMuted) await client.group.unmuteAll({ groupIds: [rcGroupId] }, { signal });
  await clearWhitelist(deps, rcGroupId, signal);
}

/** Name and portrait, for users RongCloud knows (those holding a token). */
export async function applyUserProfile(
  deps: CoreDeps,
  user: UserDoc,
  baseUrl: string,
  { signal }: MirrorContext,
) {
  if (!user.imToken) return;
  await deps.rongcloud.client.user.refresh(
    { userId: rcUser(deps, user._id), ...rongCloudProfileOf(deps, user, baseUrl) },
    { signal },
  );
}
