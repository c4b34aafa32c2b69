// Face to face by code alone: people standing together share only the digits, not the group's id, so the code
// itself finds the group (its claim in `group_codes`, keyed by the code). Guessing codes here would enumerate every
// face-to-face group at once, so each lookup spends the caller's cross-group code-failure budget before the code is
// read; only a code that finds a live group with an active code gives it back.
import type { CodePreview, CodeRequest, Group } from '@groupchat/contracts';
import type { GroupDoc } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import { DEFAULT_COVER_KEY } from '../media/media-store.ts';
import { loadPeople, personOf } from '../rongcloud/notices.ts';
import { AppError } from '../shared/app-error.ts';
import { type CoreDeps, currentTime } from '../shared/deps.ts';
import { type Attempt, recordAttempt } from '../shared/throttle.ts';
import { toGroup } from '../shared/to-contract.ts';
import { joinAndMirror } from './join-group.ts';
import { refuseBanned } from './membership.ts';
import { isMember } from './read-groups.ts';
import { roleIn } from './roles.ts';

// 404, where `invite`'s wrong code is 400: here there is no group in the path to be wrong about.
const noSuchCode = () => new AppError('code_invalid', { status: 404 });

/** The live group whose code this is (active or not), with the attempt still counted as a failure. */
async function groupOfCode(
  deps: CoreDeps,
  userId: number,
  code: string,
): Promise<{ group: GroupDoc; attempt: Attempt }> {
  // Spent before the code is read: a throttled caller gets the same 429 whether or not the code exists.
  const attempt = await recordAttempt(deps, `codefail:${userId}`, deps.settings.codeFailureThrottle);
  const claim = await deps.db.groupCodes.findById(code, { groupId: 1 }).lean();
  const group = claim ? await deps.db.groups.findById(claim.groupId).lean() : null;
  // A claim outlives its code until someone takes it over: the group must still hold this code.
  if (group?.status !== 'live' || group.code !== code) throw noSuchCode();
  return { group, attempt };
}

const isActive = (deps: CoreDeps, group: GroupDoc) =>
  group.codeExpiresAt !== null && group.codeExpiresAt > currentTime(deps);

export async function previewCode(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: CodeRequest,
): Promise<CodePreview> {
  const { group, attempt } = await groupOfCode(deps, caller.user._id, input.code);
  if (!isActive(deps, group)) throw noSuchCode();
  await attempt.forget();
  return {
    id: group._id,
    name: group.name,
    cover: deps.media.url(group.cover ?? DEFAULT_COVER_KEY, caller.baseUrl),
    member_count: group.memberCount,
  };
}

/** Joins with the rules of `invite` (banned, expired, full, too many groups), through the one seat path. */
export async function joinWithCode(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: CodeRequest,
): Promise<Group> {
  const userId = caller.user._id;
  const { group, attempt } = await groupOfCode(deps, userId, input.code);
  const [member, people] = await Promise.all([isMember(deps, group._id, userId), loadPeople(deps, [userId])]);
  // An expired code stays a miss for outsiders: it would otherwise tell a guesser which codes groups used to have.
  if (!member && !isActive(deps, group)) throw new AppError('code_expired');
  await attempt.forget();
  const view = { viewerRole: roleIn(group, userId), media: deps.media, baseUrl: caller.baseUrl };
  if (member) return toGroup(group, view);
  await refuseBanned(deps, group._id, userId);
  const joiner = personOf(people, userId);
  const seated = await joinAndMirror(deps, { groupId: group._id, where: { code: input.code }, user: joiner });
  return toGroup(seated.group, view);
}
