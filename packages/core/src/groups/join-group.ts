// Two ways in: a member pulls another user in (`addMember`, REST's /join/; a user who asked for approval gets an
// invitation instead, invitations.ts), or a user joins face to face with the group's code (`joinByCode`, REST's
// /invite/). Both are idempotent: joining someone already in the group succeeds and changes nothing.
import type { AddMemberRequest, AddMemberResponse, Group, JoinByCodeRequest } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { applyGroupChange } from '../rongcloud/apply.ts';
import { buildNotice, loadPeople, type Person, personOf } from '../rongcloud/notices.ts';
import { type MirrorContext, withRongCloudSync } from '../rongcloud/sync.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt, refuseIfThrottled, type ThrottleCheck } from '../shared/throttle.ts';
import { toGroup } from '../shared/to-contract.ts';
import { invite } from './invitations.ts';
import { refuseBanned, type Seated, seatMember } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';
import { roleIn } from './roles.ts';

interface PulledIn {
  seated?: Seated;
  /** The invitation made instead, for a user who asked to approve each group. */
  invitation?: number;
}

export async function addMember(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: AddMemberRequest,
): Promise<AddMemberResponse> {
  const callerId = caller.user._id;
  // Before the claim, so that a non-member's pull-in writes nothing to the group: the caller's activity is touched
  // by the same write that proves the caller a member.
  const touched = await deps.db.memberships.updateOne(
    { _id: membershipId(input.id, callerId) },
    { $set: { activityAt: currentTime(deps) } },
  );
  if (touched.matchedCount === 0) {
    await findLiveGroup(deps, input.id);
    throw new AppError('permission_denied');
  }
  const pulled = await withRongCloudSync<GroupDoc, PulledIn>(deps, {
    target: groupTarget(input.id),
    where: { status: 'live' },
    commit: async (group) => {
      // The answer waits for the count: probing ids for existence spends the same budget as pulling people in.
      const [, people] = await Promise.all([
        recordAttempt(deps, `pullin:${callerId}`, deps.settings.pullInThrottle),
        loadPeople(deps, [callerId, input.userid]),
      ]);
      const target = people.get(input.userid);
      if (!target) throw fieldError('userid', 'user_not_found');
      if (target.groupInvites === 'approval' && !(await isMember(deps, group._id, input.userid))) {
        await refuseBanned(deps, group._id, input.userid);
        return { invitation: await invite(deps, group, callerId, input.userid) };
      }
      return { seated: await seatJoiner(deps, group, target, personOf(people, callerId)) };
    },
    changed: ({ seated }) => seated?.outcome === 'added',
    mirror: ({ seated }, context) => mirrorJoin(deps, seated!.group, input.userid, context),
  });
  return pulled.invitation === undefined
    ? { userid: input.userid }
    : { userid: input.userid, invitation: pulled.invitation };
}

export async function joinByCode(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: JoinByCodeRequest,
): Promise<Group> {
  const userId = caller.user._id;
  const checks: [ThrottleCheck, ThrottleCheck] = [
    { key: `code:${input.id}:${userId}`, rule: deps.settings.codeThrottle },
    { key: `codefail:${userId}`, rule: deps.settings.codeFailureThrottle },
  ];
  // The group is claimed only with its code, still valid: the claim's one write tells a right code from a wrong one.
  const { group } = await joinAndMirror(deps, {
    groupId: input.id,
    where: { code: input.code, codeExpiresAt: { $gt: currentTime(deps) } },
    user: loadPeople(deps, [userId]).then((people) => personOf(people, userId)),
    // A right code records nothing, but is refused while its keys are locked: else the lockout would tell it
    // apart. A member is let through: joining again changes nothing.
    admit: () =>
      refuseIfThrottled(deps, checks).catch(async (error: unknown) => {
        if (!(await isMember(deps, input.id, userId))) throw error;
      }),
    unmatched: async () => {
      const group = await findLiveGroup(deps, input.id);
      if (await isMember(deps, group._id, userId)) return { outcome: 'already_member', group };
      return refuseCode(deps, group, userId, input.code, checks);
    },
  });
  return toGroup(group, { viewerRole: roleIn(group, userId), media: deps.media, baseUrl: caller.baseUrl });
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

export interface JoinRequest {
  groupId: number;
  /** What the group must match besides being live (a join by code: the code). */
  where?: Record<string, unknown>;
  /** Answers when the group does not match; by default it is not found. */
  unmatched?: () => Promise<Seated>;
  /** The joiner, or its loading, which runs beside the claim. */
  user: Person | Promise<Person>;
  /** Who the Add notice names as adding the joiner; the joiner by default. */
  operator?: Person | Promise<Person>;
  /** A check run beside the claim, refusing the join by throwing. */
  admit?: () => Promise<void>;
}

/**
 * The one way in for every path (pull-in, code, invitation): the Add notice is queued with the seat's count. A
 * banned user is found by the seat's re-check (membership.ts); a refusal that comes before it (a full group) looks
 * for the ban first, so that a banned user is told so, whatever else, as before the seat was tried.
 */
export async function joinAndMirror(deps: CoreDeps, request: JoinRequest): Promise<Seated> {
  const ready = Promise.all([request.user, request.operator ?? request.user, request.admit?.()]);
  // Awaited by the commit; a claim that fails first must not leave it rejected unobserved.
  ready.catch(() => {});
  let joinerId = 0;
  return withRongCloudSync<GroupDoc, Seated>(deps, {
    target: groupTarget(request.groupId),
    where: { status: 'live', ...request.where },
    ...(request.unmatched ? { unmatched: request.unmatched } : {}),
    commit: async (group) => {
      const [user, operator] = await ready;
      joinerId = user._id;
      return seatJoiner(deps, group, user, operator);
    },
    changed: (seated) => seated.outcome === 'added',
    mirror: ({ group }, context) => mirrorJoin(deps, group, joinerId, context),
  });
}

async function seatJoiner(deps: CoreDeps, group: GroupDoc, user: Person, operator: Person): Promise<Seated> {
  const notice = buildNotice(deps, { operation: 'Add', operator, targets: [user], groupName: group.name });
  try {
    return await seatMember(deps, group, user._id, notice);
  } catch (error) {
    if (error instanceof AppError && error.code !== 'banned') await refuseBanned(deps, group._id, user._id);
    throw error;
  }
}

/** Just seated: a member, and not muted. */
const mirrorJoin = (deps: CoreDeps, group: GroupDoc, userId: number, context: MirrorContext) =>
  applyGroupChange(deps, group, { members: [userId] }, context, [{ userId, mutedUntil: null }]);
