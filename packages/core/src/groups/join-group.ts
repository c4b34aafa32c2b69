// Two ways in: a member pulls another user in (`addMember`, REST's /join/; a user who asked for approval gets an
// invitation instead, invitations.ts), or a user joins face to face with the group's code (`joinByCode`, REST's
// /invite/). Both are idempotent: joining someone already in the group succeeds and changes nothing.
import type { AddMemberRequest, AddMemberResponse, Group, JoinByCodeRequest } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, type Person, personOf } from '../rongcloud/notices.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt, refuseIfThrottled, type ThrottleCheck } from '../shared/throttle.ts';
import { toGroup } from '../shared/to-contract.ts';
import { invite } from './invitations.ts';
import { refuseBanned, seatMember } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';
import { roleIn } from './roles.ts';
import type { AddOutcome } from './seats.ts';

export async function addMember(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: AddMemberRequest,
): Promise<AddMemberResponse> {
  const callerId = caller.user._id;
  // The caller's activity is touched by the same write that proves the caller a member.
  const [group, touched] = await Promise.all([
    findLiveGroup(deps, input.id),
    deps.db.memberships.updateOne(
      { _id: membershipId(input.id, callerId) },
      { $set: { activityAt: currentTime(deps) } },
    ),
  ]);
  if (touched.matchedCount === 0) throw new AppError('permission_denied');
  // The answer waits for the count: probing ids for existence spends the same budget as pulling people in.
  const [, people] = await Promise.all([
    recordAttempt(deps, `pullin:${callerId}`, deps.settings.pullInThrottle),
    loadPeople(deps, [callerId, input.userid]),
  ]);
  const target = people.get(input.userid);
  if (!target) throw fieldError('userid', 'user_not_found');
  if (target.groupInvites === 'approval' && !(await isMember(deps, group._id, input.userid))) {
    await refuseBanned(deps, group._id, input.userid);
    return { userid: input.userid, invitation: await invite(deps, group, callerId, input.userid) };
  }
  await joinAndMirror(deps, group, target, personOf(people, callerId));
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
  const checks: [ThrottleCheck, ThrottleCheck] = [
    { key: `code:${group._id}:${userId}`, rule: deps.settings.codeThrottle },
    { key: `codefail:${userId}`, rule: deps.settings.codeFailureThrottle },
  ];
  const valid =
    !!group.code &&
    input.code === group.code &&
    !!group.codeExpiresAt &&
    group.codeExpiresAt > currentTime(deps);
  if (!valid) {
    if (await isMember(deps, group._id, userId)) return toGroup(group, view);
    return refuseCode(deps, group, userId, input.code, checks);
  }
  // A right code records nothing, but is refused while its keys are locked: else the lockout would tell it apart.
  const [member, throttled, people] = await Promise.all([
    isMember(deps, group._id, userId),
    refuseIfThrottled(deps, checks).then(
      () => undefined,
      (error: unknown) => error,
    ),
    loadPeople(deps, [userId]),
  ]);
  if (member) return toGroup(group, view);
  if (throttled) throw throttled;
  const joiner = personOf(people, userId);
  const outcome = await joinAndMirror(deps, group, joiner, joiner);
  const memberCount = group.memberCount + (outcome === 'added' ? 1 : 0);
  return toGroup({ ...group, memberCount }, view);
}

/** A wrong or expired code: counted as a failure at both keys before the code is compared. Always throws. */
async function refuseCode(
  deps: CoreDeps,
  group: GroupDoc,
  userId: number,
  code: string,
  [inGroup, acrossGroups]: [ThrottleCheck, ThrottleCheck],
): Promise<never> {
  // Before the code is compared: a banned user learns nothing about it.
  await refuseBanned(deps, group._id, userId);
  // Counted before the code is compared, so a burst of parallel guesses gets no more tries than a sequence.
  const attempt = await recordAttempt(deps, inGroup.key, inGroup.rule);
  const across = await recordAttempt(deps, acrossGroups.key, acrossGroups.rule).catch(
    async (error: unknown) => {
      await attempt.forget();
      throw error;
    },
  );
  if (!group.code || code !== group.code) throw new AppError('code_invalid');
  await Promise.all([attempt.forget(), across.forget()]);
  throw new AppError('code_expired');
}

/**
 * The one way in for every path (pull-in, code, invitation): the Add notice is queued with the seat's count. A
 * banned user is found by the seat's re-check (membership.ts); a refusal that comes before it (a full group) looks
 * for the ban first, so that a banned user is told so, whatever else, as before the seat was tried.
 */
export function joinAndMirror(
  deps: CoreDeps,
  group: GroupDoc,
  user: Person,
  operator: Person,
): Promise<AddOutcome> {
  const notice = buildNotice(deps, { operation: 'Add', operator, targets: [user], groupName: group.name });
  return withRongCloudSync(
    deps,
    groupTarget(group._id),
    () => seatMember(deps, group, user._id, notice),
    (signal) => applyGroupMembers(deps, group._id, [user._id], signal),
  ).catch(async (error: unknown) => {
    if (error instanceof AppError && error.code !== 'banned') await refuseBanned(deps, group._id, user._id);
    throw error;
  });
}
