// Adding a member without a counter: a membership takes a seat in the group (`slot` < member cap) and a seat among
// the user's groups (`userSlot` < groups-per-user cap), both under unique indexes. A cap can then never be exceeded,
// whatever races, on MongoDB or on FerretDB (whose read-modify-write updates are not atomic).
//
// The first try costs one insert: the group's seat is proposed from its member count (seats are dense until someone
// leaves) and the user's at random (a user holds few of the cap's seats), so nothing is counted or scanned. Only a
// clash looks at the seats actually taken.
import { randomInt } from 'node:crypto';
import { isDuplicateKeyError, membershipId } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';

export type AddOutcome = 'added' | 'already_member';

const MAX_ATTEMPTS = 40;

export interface SeatRequest {
  groupId: number;
  userId: number;
  /** The group's member count as last read: the first seat proposed in it. */
  memberCount: number;
  now: Date;
  /** Normally `now`; create-group.ts seats the owner of a group not yet live with NOT_YET_LIVE. */
  activityAt?: Date;
}

export async function takeSeat(deps: CoreDeps, request: SeatRequest): Promise<AddOutcome> {
  const { memberships } = deps.db;
  const { groupId, userId, now } = request;
  const { maxMembersPerGroup, maxGroupsPerUser } = deps.settings.limits;
  // A count at the cap may be stale: the seats themselves decide whether the group is full.
  let slot = request.memberCount < maxMembersPerGroup ? request.memberCount : undefined;
  let userSlot: number | undefined = randomInt(maxGroupsPerUser);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      slot ??= await freeSeat(deps, { groupId }, 'slot', maxMembersPerGroup, 'group_full');
      userSlot ??= await freeSeat(deps, { userId }, 'userSlot', maxGroupsPerUser, 'too_many_groups');
    } catch (error) {
      // Joining again is a no-op that succeeds, even in a full group or for a user at the cap.
      if (error instanceof AppError && (await memberships.exists({ _id: membershipId(groupId, userId) })))
        return 'already_member';
      throw error;
    }
    try {
      await memberships.create({
        _id: membershipId(groupId, userId),
        groupId,
        userId,
        slot,
        userSlot,
        joinedAt: now,
        activityAt: request.activityAt ?? now,
      });
      return 'added';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    // FerretDB's duplicate-key error does not say which index clashed: look at each.
    const [member, slotTaken, userSlotTaken] = await Promise.all([
      memberships.exists({ _id: membershipId(groupId, userId) }),
      memberships.exists({ groupId, slot }),
      memberships.exists({ userId, userSlot }),
    ]);
    if (member) return 'already_member';
    if (slotTaken) slot = undefined;
    if (userSlotTaken) userSlot = undefined;
  }
  throw new AppError('service_unavailable', { retryAfterSeconds: 1 });
}

async function freeSeat(
  deps: CoreDeps,
  scope: { groupId: number } | { userId: number },
  field: 'slot' | 'userSlot',
  cap: number,
  fullCode: 'group_full' | 'too_many_groups',
): Promise<number> {
  const seats = await deps.db.memberships
    .find(scope, { slot: 1, userSlot: 1 })
    .lean<{ slot: number; userSlot: number }[]>();
  const taken = new Set(seats.map((membership) => membership[field]));
  if (taken.size >= cap) throw new AppError(fullCode);
  const free: number[] = [];
  for (let seat = 0; seat < cap && free.length < 256; seat++) if (!taken.has(seat)) free.push(seat);
  // A random free seat keeps concurrent joiners from all trying the same one again.
  return free[randomInt(free.length)]!;
}
