// Two ways in: a member pulls another user in (`join`), or a user joins face to face with the group's code
// (`invite`). Both are idempotent: joining someone already in the group succeeds and changes nothing.

import type { GroupDoc } from '@groupchat/db';
import { applyGroupMembers } from '../rongcloud/apply.ts';
import { withRongCloudSync } from '../rongcloud/outbox.ts';
import { groupTarget } from '../rongcloud/sync-target.ts';
import { AppError, fieldError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { recordAttempt } from '../shared/throttle.ts';
import { addMember, requireMember, touchActivity } from './membership.ts';
import { findLiveGroup, isMember } from './read-groups.ts';

export async function pullIntoGroup(
  deps: CoreDeps,
  groupId: number,
  callerId: number,
  userId: number,
): Promise<void> {
  const group = await findLiveGroup(deps, groupId);
  await requireMember(deps, groupId, callerId);
  if (!(await deps.db.users.exists({ _id: userId }))) {
    throw fieldError('userid', { zh: '该用户不存在。', en: 'No user with this id.' });
  }
  await joinAndMirror(deps, group, userId);
  await touchActivity(deps, groupId, callerId);
}

export async function joinByCode(
  deps: CoreDeps,
  groupId: number,
  userId: number,
  code: string,
): Promise<GroupDoc> {
  const group = await findLiveGroup(deps, groupId);
  if (await isMember(deps, groupId, userId)) return group;
  const throttleKey = `code:${groupId}:${userId}`;
  // Counted before the code is compared, so a burst of parallel guesses gets no more tries than a sequence.
  const attempt = await recordAttempt(deps, throttleKey, deps.settings.codeThrottle);
  if (!group.code || code !== group.code) throw new AppError('code_invalid');
  await attempt.forget();
  if (!group.codeExpiresAt || group.codeExpiresAt <= currentTime(deps)) throw new AppError('code_expired');
  await joinAndMirror(deps, group, userId);
  return group;
}

async function joinAndMirror(deps: CoreDeps, group: GroupDoc, userId: number): Promise<void> {
  await withRongCloudSync(
    deps,
    groupTarget(group._id),
    () => addMember(deps, group, userId),
    (signal) => applyGroupMembers(deps, group._id, [userId], signal),
  );
}
