// Two ways in: a member pulls another user in (`addMember`, REST's /join/), or a user joins face to face with the
// group's code (`joinByCode`, REST's /invite/). Both are idempotent: joining someone already in the group succeeds
// and changes nothing.
import type { AddMemberRequest, AddMemberResponse, Group, JoinByCodeRequest } from '@groupchat/contracts';
import type { GroupDoc, UserDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { buildNotice } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt } from '../shared/throttle.ts';
import { toGroup } from '../shared/to-contract.ts';
import { refuseBanned, requireMember, seatMember, touchActivity } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';
import { roleIn } from './roles.ts';
import type { AddOutcome } from './seats.ts';

export async function addMember(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: AddMemberRequest,
): Promise<AddMemberResponse> {
  const group = await findLiveGroup(deps, input.id);
  await requireMember(deps, group._id, caller.user._id);
  await recordAttempt(deps, `pullin:${caller.user._id}`, deps.settings.pullInThrottle);
  const target = await deps.db.users.findById(input.userid, { nick: 1, name: 1 }).lean();
  if (!target) throw fieldError('userid', 'user_not_found');
  await refuseBanned(deps, group._id, input.userid);
  await joinAndMirror(deps, group, target, caller.user);
  await touchActivity(deps, group._id, caller.user._id);
  return { userid: input.userid };
}

export async function joinByCode(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: JoinByCodeRequest,
): Promise<Group> {
  const userId = caller.user._id;
  const group = await findLiveGroup(deps, input.id);
  const view = { viewerRole: roleIn(group, userId), media: deps.media, baseUrl: caller.baseUrl };
  if (await isMember(deps, group._id, userId)) return toGroup(group, view);
  // Before the code is compared: a banned user learns nothing about it.
  await refuseBanned(deps, group._id, userId);
  const throttleKey = `code:${group._id}:${userId}`;
  // Counted before the code is compared, so a burst of parallel guesses gets no more tries than a sequence.
  const attempt = await recordAttempt(deps, throttleKey, deps.settings.codeThrottle);
  const acrossGroups = await recordAttempt(
    deps,
    `codefail:${userId}`,
    deps.settings.codeFailureThrottle,
  ).catch(async (error: unknown) => {
    await attempt.forget();
    throw error;
  });
  if (!group.code || input.code !== group.code) throw new AppError('code_invalid');
  await Promise.all([attempt.forget(), acrossGroups.forget()]);
  if (!group.codeExpiresAt || group.codeExpiresAt <= currentTime(deps)) throw new AppError('code_expired');
  const outcome = await joinAndMirror(deps, group, caller.user, caller.user);
  const memberCount = group.memberCount + (outcome === 'added' ? 1 : 0);
  return toGroup({ ...group, memberCount }, view);
}

/** The one way in for every path (pull-in, code, invitation): the Add notice is queued with the seat's count. */
export function joinAndMirror(
  deps: CoreDeps,
  group: GroupDoc,
  user: Pick<UserDoc, '_id' | 'nick' | 'name'>,
  operator: Pick<UserDoc, '_id' | 'nick' | 'name'>,
): Promise<AddOutcome> {
  const notice = buildNotice(deps, { operation: 'Add', operator, targets: [user], groupName: group.name });
  return withRongCloudSync(
    deps,
    groupTarget(group._id),
    () => seatMember(deps, group, user._id, notice),
    (signal) => applyGroupMembers(deps, group._id, [user._id], signal),
  );
}
