// Creates a group: the caller becomes owner and first member. The group document is written first as `pending`
// (invisible to every read), the code is claimed and the owner seated, and only then is the group made `live`:
// a request that dies half-way leaves nothing any client can see.
import type { CreateGroupRequest, Group, UploadedFile } from '@groupchat/contracts';
import { type GroupDoc, insertWithNextId, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { storeUploadedImage } from '../media/store-image.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, personOf, queueNotices } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/sync.ts';
import { heldFromCreation, holdOf } from '../rongcloud/sync-state.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError } from '../shared/app-error.ts';
import { isDatabaseUnreachable } from '../shared/database-unreachable.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt, type ThrottleCheck } from '../shared/throttle.ts';
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
  // A code found taken is a failed guess like a wrong code: a caller out of guesses is refused before anything
  // would tell whether the code is in use (looked at here with the creation's own count), and a code found taken
  // is counted, then answered only within the limit (claimTheCode).
  const guesses = { key: `codefail:${ownerId}`, rule: deps.settings.codeFailureThrottle };
  // The operator's names are read beside the throttle: the Create notice needs them, and they change nothing.
  const operator = loadPeople(deps, [ownerId]).then((people) => personOf(people, ownerId));
  operator.catch(() => {});
  await recordAttempt(deps, `create:${ownerId}`, deps.settings.createThrottle, input.code ? [guesses] : []);
  const cover = input.cover
    ? await storeUploadedImage(deps, input.cover, { field: 'cover', folder: 'group' })
    : null;
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
    // Held by this request from the start: nobody mirrors the group before it is live, and its creation is marked.
    sync: heldFromCreation(deps, now),
  }));
  const goLive = async () => {
    try {
      if (code && codeExpiresAt)
        await claimTheCode(deps, guesses, () => claimCode(deps, code, group._id, now, codeExpiresAt));
      await takeSeat(deps, {
        groupId: group._id,
        userId: ownerId,
        memberCount: 0,
        now,
        activityAt: NOT_YET_LIVE,
      });
    } catch (error) {
      // The cleanup would fail too. What was written stays pending: invisible, its code taken over after a minute.
      if (isDatabaseUnreachable(error)) throw error;
      await deps.db.memberships.deleteMany({ groupId: group._id });
      await releaseCode(deps, code, group._id);
      await deps.db.groups.deleteOne({ _id: group._id, status: 'pending' });
      throw error;
    }
    // The Create notice is queued by the write that makes the group live: a refused creation never posts one.
    const notice = buildNotice(deps, {
      operation: 'Create',
      operator: await operator,
      groupName: input.name,
    });
    const live = await deps.db.groups
      .findOneAndUpdate(
        { _id: group._id },
        { $set: { status: 'live' }, ...queueNotices(notice) },
        { returnDocument: 'after' },
      )
      .lean();
    // Live first, then counted: "my groups" never counts a group that is not live (a crash in between leaves the
    // group uncounted and listed last until its owner's next activity, rather than a pending group counted).
    await deps.db.memberships.updateOne(
      { _id: membershipId(group._id, ownerId) },
      { $set: { activityAt: now } },
    );
    return live ?? { ...group, status: 'live' as const };
  };
  const target = groupTarget(group._id);
  const live = await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
    target,
    marked: { doc: group, hold: holdOf(target, group) },
    commit: goLive,
    mirror: (committed, context) =>
      applyGroupChange(deps, committed, { members: [ownerId] }, context, [
        { userId: ownerId, mutedUntil: null },
      ]),
  });
  return toGroup(live, { viewerRole: 'owner', media: deps.media, baseUrl: caller.baseUrl });
}

/**
 * A claim refused as taken counts as a failed guess, recorded before the answer goes out: in a burst of parallel
 * probes each counts those recorded before it, so no more than the limit learn that their code is taken.
 */
async function claimTheCode(
  deps: CoreDeps,
  guesses: ThrottleCheck,
  claim: () => Promise<void>,
): Promise<void> {
  try {
    await claim();
  } catch (error) {
    if (error instanceof AppError && error.code === 'code_taken')
      await recordAttempt(deps, guesses.key, guesses.rule);
    throw error;
  }
}
