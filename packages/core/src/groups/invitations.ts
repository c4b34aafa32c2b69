// Consent to be pulled in: a pull-in of a user who asked for approval becomes a pending invitation, which only the
// invitee sees and answers. Accepting joins through the same seat path as every other way in (membership.ts).
import {
  type Detail,
  type Group,
  type Invitation,
  type InvitationIdRequest,
  type ListInvitationsRequest,
  type Page,
  SUCCESS_DETAIL,
} from '@groupchat/contracts';
import {
  type GroupDoc,
  groupBanId,
  type InvitationDoc,
  insertWithNextId,
  isDuplicateKeyError,
  membershipId,
} from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { loadPeople, personOf } from '../rongcloud/notices.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toGroup, toInvitation } from '../shared/to-contract.ts';
import { joinAndMirror } from './join-group.ts';
import { refuseBanned } from './membership.ts';
import { roleIn } from './roles.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

/**
 * The pending invitation of `inviteeId` to `group`, created unless one is pending already (then nothing changes).
 * The unique (group, invitee) index decides between concurrent pull-ins; a lapsed one in the way is removed first.
 */
export async function invite(
  deps: CoreDeps,
  group: GroupDoc,
  inviterId: number,
  inviteeId: number,
): Promise<number> {
  const { invitations } = deps.db;
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = currentTime(deps);
    const pending = await invitations.findOne({ groupId: group._id, inviteeId }, { expiresAt: 1 }).lean();
    if (pending && pending.expiresAt > now) return pending._id;
    // Filtered on the lapse, so an invitation renewed meanwhile is never removed.
    if (pending) await invitations.deleteOne({ _id: pending._id, expiresAt: { $lte: now } });
    try {
      const created = await insertWithNextId(deps.db, invitations, (id) => ({
        _id: id,
        groupId: group._id,
        inviteeId,
        inviterId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      }));
      await withdrawIfDismissed(deps, created);
      return created._id;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  throw new AppError('service_unavailable', { retryAfterSeconds: 1 });
}

// Dismissal marks the group before it deletes its invitations (membership.ts markDismissed): an invitation
// inserted after that delete is seen here and withdrawn, the argument that keeps a dismissed group memberless.
async function withdrawIfDismissed(deps: CoreDeps, invitation: InvitationDoc): Promise<void> {
  const group = await deps.db.groups.findById(invitation.groupId, { status: 1 }).lean();
  if (group?.status === 'live') return;
  await deps.db.invitations.deleteOne({ _id: invitation._id });
  throw new AppError('not_found');
}

const pendingFor = (inviteeId: number, now: Date) => ({ inviteeId, expiresAt: { $gt: now } });

export async function listInvitations(
  deps: CoreDeps,
  caller: SignedInCaller,
  query: ListInvitationsRequest,
): Promise<Page<Invitation>> {
  const userId = caller.user._id;
  const filter = pendingFor(userId, currentTime(deps));
  const { skip, pageSize } = pageWindow(query);
  const [count, invitations] = await Promise.all([
    deps.db.invitations.countDocuments(filter),
    deps.db.invitations.find(filter).sort({ createdAt: -1, _id: -1 }).skip(skip).limit(pageSize).lean(),
  ]);
  const groupIds = invitations.map((invitation) => invitation.groupId);
  const [groups, inviters, memberships] = await Promise.all([
    deps.db.groups.find({ _id: { $in: groupIds } }).lean(),
    deps.db.users
      .find({ _id: { $in: invitations.map((invitation) => invitation.inviterId) } }, { nick: 1, avatar: 1 })
      .lean(),
    // The invitee may have come in another way (by code) meanwhile: the group then shows their role.
    deps.db.memberships
      .find({ _id: { $in: groupIds.map((groupId) => membershipId(groupId, userId)) } }, { groupId: 1 })
      .lean(),
  ]);
  const groupById = new Map(groups.map((group) => [group._id, group]));
  const inviterById = new Map(inviters.map((user) => [user._id, user]));
  const memberOf = new Set(memberships.map((membership) => membership.groupId));
  const results = invitations.flatMap((invitation) => {
    const group = groupById.get(invitation.groupId);
    if (group?.status !== 'live') return [];
    const viewerRole = memberOf.has(group._id) ? roleIn(group, userId) : null;
    const view = { viewerRole, media: deps.media, baseUrl: caller.baseUrl };
    return [toInvitation(invitation, group, inviterById.get(invitation.inviterId), view)];
  });
  return buildPage(query, { count, results, url: `${caller.baseUrl}/api/im/invitations/` });
}

/** Joins with the group's rules (dismissed, banned, full, too many groups); the invitation is used up on success. */
export async function acceptInvitation(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: InvitationIdRequest,
): Promise<Group> {
  const userId = caller.user._id;
  const invitation = await deps.db.invitations
    .findOne({ _id: input.id, ...pendingFor(userId, currentTime(deps)) })
    .lean();
  // Someone else's invitation is indistinguishable from none.
  if (!invitation) throw new AppError('not_found');
  const people = loadPeople(deps, [userId, invitation.inviterId]);
  // The notice reads as the inviter's: "A 邀请 B 加入群组".
  const { group } = await joinAndMirror(deps, {
    groupId: invitation.groupId,
    user: people.then((found) => personOf(found, userId)),
    operator: people.then((found) => personOf(found, invitation.inviterId)),
    admit: () => refuseBanned(deps, invitation.groupId, userId),
    unmatched: async () => {
      await deps.db.invitations.deleteOne({ _id: invitation._id });
      throw new AppError('not_found');
    },
  });
  await deps.db.invitations.deleteOne({ _id: invitation._id });
  return toGroup(group, { viewerRole: roleIn(group, userId), media: deps.media, baseUrl: caller.baseUrl });
}

export async function declineInvitation(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: InvitationIdRequest,
): Promise<Detail> {
  const { deletedCount } = await deps.db.invitations.deleteOne({
    _id: input.id,
    ...pendingFor(caller.user._id, currentTime(deps)),
  });
  if (deletedCount === 0) throw new AppError('not_found');
  return { detail: SUCCESS_DETAIL };
}
