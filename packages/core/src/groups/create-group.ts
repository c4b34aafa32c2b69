// Creates a group: the caller becomes owner and first member. The group document is written first as `pending`
// (invisible to every read), the code is claimed and the owner seated, and only then is the group made `live`:
// a request that dies half-way leaves nothing any client can see.
import type { CreateGroupRequest, Group, UploadedFile } from '@groupchat/contracts';
import { insertWithNextId, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { storeUploadedImage } from '../media/store-image.ts';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { buildNotice, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { isDatabaseUnreachable } from '../shared/database-unreachable.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt } from '../shared/throttle.ts';
import { toGroup } from '../shared/to-contract.ts';
import { claimCode, releaseCode } from './face-to-face-code.ts';
import { takeSeat } from './seats.ts';

/**
 * The owner's activityAt while the group is pending: listGroups counts memberships from its index on
 * (userId, activityAt), and this keeps the owner's seat out of that count until the group is live, with no field
 * and no query added. Nothing else can be active at the epoch.
 */
export const NOT_YET_LIVE = new Date(0);

export async function createGroup(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: CreateGroupRequest & { cover?: UploadedFile },
): Promise<Group> {
  const ownerId = caller.user._id;
  await recordAttempt(deps, `create:${ownerId}`, deps.settings.createThrottle);
  const cover = input.cover
    ? await storeUploadedImage(deps, input.cover, { field: 'cover', folder: 'group' })
    : null;
  // A code found taken is a failed guess like a wrong code, counted before the claim: a caller out of guesses is
  // refused before anything would tell whether the code is in use.
  const codeAttempt = input.code
    ? await recordAttempt(deps, `codefail:${ownerId}`, deps.settings.codeFailureThrottle)
    : undefined;
  const now = currentTime(deps);
  const code = input.code ?? '';
  const codeExpiresAt = code ? new Date(now.getTime() + deps.settings.faceToFaceCodeTtlMs) : null;
  const group = await insertWithNextId(deps.db, deps.db.groups, (id) => ({
    _id: id,
    name: input.name,
    code,
    codeExpiresAt,
    cover,
    ownerId,
    memberCount: 1,
    adminIds: [],
    announcement: '',
    allMuted: false,
    createdAt: now,
    updatedAt: now,
    status: 'pending' as const,
    dismissedAt: null,
  }));
  const goLive = async () => {
    try {
      if (code && codeExpiresAt) await claimCode(deps, code, group._id, now, codeExpiresAt);
      await codeAttempt?.forget();
      await takeSeat(deps, group._id, ownerId, now, NOT_YET_LIVE);
    } catch (error) {
      // The cleanup would fail too. What was written stays pending: invisible, its code taken over after a minute.
      if (isDatabaseUnreachable(error)) throw error;
      await deps.db.memberships.deleteMany({ groupId: group._id });
      await releaseCode(deps, code, group._id);
      await deps.db.groups.deleteOne({ _id: group._id, status: 'pending' });
      throw error;
    }
    // The Create notice is queued by the write that makes the group live: a refused creation never posts one.
    const notice = buildNotice(deps, { operation: 'Create', operator: caller.user, groupName: input.name });
    await deps.db.groups.updateOne({ _id: group._id }, { $set: { status: 'live' }, ...queueNotices(notice) });
    // Live first, then counted: "my groups" never counts a group that is not live (a crash in between leaves the
    // group uncounted and listed last until its owner's next activity, rather than a pending group counted).
    await deps.db.memberships.updateOne(
      { _id: membershipId(group._id, ownerId) },
      { $set: { activityAt: now } },
    );
    return { ...group, status: 'live' as const };
  };
  const live = await withRongCloudSync(deps, groupTarget(group._id), goLive, (signal) =>
    applyGroupMembers(deps, group._id, [ownerId], signal),
  );
  return toGroup(live, { viewerRole: 'owner', media: deps.media, baseUrl: caller.baseUrl });
}
