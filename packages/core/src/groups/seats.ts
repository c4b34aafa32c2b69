// Adding a member without a counter: a membership takes a seat in the group (`slot` < member cap) and a seat among
// the user's groups (`userSlot` < groups-per-user cap), both under unique indexes. A cap can then never be exceeded,
// whatever races, on MongoDB or on FerretDB (whose read-modify-write updates are not atomic).
import { randomInt } from 'node:crypto';
import { isDuplicateKeyError, membershipId } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';

export type AddOutcome = 'added' | 'already_member';

const MAX_ATTEMPTS = 40;

export async function takeSeat(
  deps: CoreDeps,
  groupId: number,
  userId: number,
  now: Date,
  /** Normally `now`; create-group.ts seats the owner of a group not yet live with NOT_YET_LIVE. */
  activityAt: Date = now,
): Promise<AddOutcome> {
  const { memberships } = deps.db;
  const { maxMembersPerGroup, maxGroupsPerUser } = deps.settings.limits;
  let slot: number | undefined;
  let userSlot: number | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await memberships.exists({ _id: membershipId(groupId, userId) })) return 'already_member';
    slot ??= await freeSeat(deps, { groupId }, 'slot', maxMembersPerGroup, attempt, 'group_full');
    userSlot ??= await freeSeat(deps, { userId }, 'userSlot', maxGroupsPerUser, attempt, 'too_many_groups');
    try {
      await memberships.create({
        _id: membershipId(groupId, userId),
        groupId,
        userId,
        slot,
        userSlot,
        joinedAt: now,
        activityAt,
      });
      return 'added';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // FerretDB's duplicate-key error does not say which index clashed: look at each.
    if (await memberships.exists({ groupId, slot })) slot = undefined;
    if (await memberships.exists({ userId, userSlot })) userSlot = undefined;
  }
  throw new AppError('service_unavailable', { retryAfterSeconds: 1 });
}

async function freeSeat(
  deps: CoreDeps,
  scope: { groupId: number } | { userId: number },
  field: 'slot' | 'userSlot',
  cap: number,
  attempt: number,
  fullCode: 'group_full' | 'too_many_groups',
): Promise<number> {
  const { memberships } = deps.db;
  if (attempt === 0) {
    // Without holes the next seat is the count: one cheap query on the common path.
    const count = await memberships.countDocuments(scope);
    if (count >= cap) throw new AppError(fullCode);
    return count;
  }
  const seats = await memberships
    .find(scope, { slot: 1, userSlot: 1 })
    .lean<{ slot: number; userSlot: number }[]>();
  const taken = new Set(seats.map((membership) => membership[field]));
  if (taken.size >= cap) throw new AppError(fullCode);
  const free: number[] = [];
  for (let seat = 0; seat < cap && free.length < 256; seat++) if (!taken.has(seat)) free.push(seat);
  // A random free seat keeps concurrent joiners from all trying the same one again.
  return free[randomInt(free.length)]!;
}
