// Who is in which group, which groups carry codes, and the pools the write endpoints consume: a pure function of
// the dataset config, independent of how documents are stored (seed-database.ts turns it into documents).
import type { DatasetConfig } from '../config.ts';
import { createRandom, type Random, range, shuffleInPlace } from './random.ts';

export const BIG_GROUP_ID = 1;
export const LARGE_CODE_GROUP_ID = 2;

interface PlannedGroup {
  id: number;
  ownerId: number;
  /** '' or 4–8 digits. */
  code: string;
  /** Active codes only: the service admits joiners until then. */
  codeActive: boolean;
  createdAt: Date;
}

interface PlannedMembership {
  groupId: number;
  userId: number;
  slot: number;
  userSlot: number;
  joinedAt: Date;
  activityAt: Date;
}

export interface SeedPlan {
  now: Date;
  userIds: number[];
  groups: PlannedGroup[];
  memberships: PlannedMembership[];
  /** Members of the big group, who read "my groups", tokens and its members pages. */
  readers: number[];
  /** Users with few groups who create groups (each may create up to the cap). */
  creators: number[];
  /** Each pair once: a user not yet in a code group joins a small one (its owner alone, at first) with its code. */
  joinPairs: Array<[userId: number, groupId: number, code: string]>;
  /** Each pair once: a user joins the large code group, as many as it has seats left. */
  largeJoinPairs: Array<[userId: number, groupId: number, code: string]>;
  /** Each pair once: a non-owner member leaves a group other than the big one. */
  quitPairs: Array<[userId: number, groupId: number]>;
  /** Each once: the owner removes a non-owner member (disjoint from the quit pairs). */
  kickTriples: Array<[ownerId: number, groupId: number, userId: number]>;
  /** Group ids in a random order, for anonymous retrieves. */
  retrieveIds: number[];
}

const DAY_MS = 86_400_000;

export function planDataset(config: DatasetConfig, now = new Date()): SeedPlan {
  const random = createRandom(config.seed);
  const firstJoiner = config.users - config.joinerUsers - config.creatorUsers + 1;
  const firstCreator = config.users - config.creatorUsers + 1;
  const codeGroupIds = range(LARGE_CODE_GROUP_ID + 1, config.codeGroups + 1);
  const isCodeGroup = (groupId: number) => groupId >= 2 && groupId <= config.codeGroups + 1;

  const groups = planGroups(config, now, random, isCodeGroup);
  const seats = new Seats(config.maxGroupsPerUser);
  for (const userId of range(1, config.bigGroupMembers)) seats.add(BIG_GROUP_ID, userId);
  const largeGroupMembers = range(
    config.bigGroupMembers + 1,
    config.bigGroupMembers + config.largeCodeGroupMembers,
  );
  // Owners come from the readers and regular users, who may sit in many groups; pools stay small.
  const ownerCandidates = range(1, firstJoiner - 1);
  for (const group of groups) {
    if (group.id === BIG_GROUP_ID) continue;
    let owner = ownerCandidates[Math.floor(random() * ownerCandidates.length)]!;
    while (seats.groupsOf(owner) >= config.maxGroupsPerUser) owner = (owner % (firstJoiner - 1)) + 1;
    group.ownerId = owner;
    seats.add(group.id, owner);
    if (group.id === LARGE_CODE_GROUP_ID)
      for (const userId of largeGroupMembers) if (userId !== owner) seats.add(group.id, userId);
  }

  const pickGroup = weightedGroupPicker(config, random);
  for (const userId of range(1, config.users)) {
    const pooled = userId >= firstJoiner;
    const target = pooled ? Math.floor(random() * 4) : groupsPerUser(config, random);
    for (let tries = 0; seats.groupsOf(userId) < target && tries < 500; tries++) {
      const groupId = pickGroup();
      // Code groups keep their seeded members only: a join into one is a join into a group of known size.
      if (isCodeGroup(groupId)) continue;
      if (!seats.has(groupId, userId)) seats.add(groupId, userId);
    }
  }

  const memberships = timeMemberships(seats, groups, now, random);
  const joiners = range(firstJoiner, firstCreator - 1);
  const joinPairs: SeedPlan['joinPairs'] = [];
  const rounds = Math.min(config.joinRounds, config.codeGroups);
  for (let round = 0; round < rounds; round++) {
    joiners.forEach((userId, index) => {
      const groupId = codeGroupIds[(index * 7 + round * 131) % codeGroupIds.length]!;
      joinPairs.push([userId, groupId, groups[groupId - 1]!.code]);
    });
  }
  const freeSeats = 3_000 - seats.sizeOf(LARGE_CODE_GROUP_ID);
  const largeJoinPairs: SeedPlan['largeJoinPairs'] = joiners
    .slice(0, freeSeats)
    .map((userId) => [userId, LARGE_CODE_GROUP_ID, groups[LARGE_CODE_GROUP_ID - 1]!.code]);
  const leavers: SeedPlan['quitPairs'] = memberships
    .filter(
      (m) =>
        m.userId > config.bigGroupMembers &&
        m.userId < firstJoiner &&
        m.groupId !== BIG_GROUP_ID &&
        groups[m.groupId - 1]!.ownerId !== m.userId,
    )
    .map((m) => [m.userId, m.groupId]);
  shuffleInPlace(leavers, random);
  // Half of the leavers quit, the other half are kicked by their group's owner.
  const half = Math.floor(leavers.length / 2);
  const quitPairs = leavers.slice(0, half);
  const kickTriples: SeedPlan['kickTriples'] = leavers
    .slice(half)
    .map(([userId, groupId]) => [groups[groupId - 1]!.ownerId, groupId, userId]);

  return {
    now,
    userIds: range(1, config.users),
    groups,
    memberships,
    readers: shuffleInPlace(range(1, config.bigGroupMembers), random),
    creators: shuffleInPlace(range(firstCreator, config.users), random),
    joinPairs,
    largeJoinPairs,
    quitPairs,
    kickTriples,
    retrieveIds: shuffleInPlace(range(1, config.groups), random),
  };
}

function planGroups(
  config: DatasetConfig,
  now: Date,
  random: Random,
  isCodeGroup: (id: number) => boolean,
): PlannedGroup[] {
  return range(1, config.groups).map((id) => {
    // Code groups are recent (a code admits members for 24 h); a third of the others kept an expired code.
    const active = isCodeGroup(id);
    const ageMs = active ? random() * 0.5 * DAY_MS : (2 + random() * 180) * DAY_MS;
    const expiredCode = !active && id !== BIG_GROUP_ID && id % 3 === 0;
    return {
      id,
      ownerId: 1,
      code: active ? String(100_000 + id) : expiredCode ? String(10_000_000 + id) : '',
      codeActive: active,
      createdAt: new Date(now.getTime() - ageMs),
    };
  });
}

/** Power law over 1…cap: most users are in a few groups, a handful in the maximum. */
function groupsPerUser(config: DatasetConfig, random: Random): number {
  const weights = range(1, config.maxGroupsPerUser).map((k) => k ** -config.groupsPerUserExponent);
  const total = weights.reduce((a, b) => a + b, 0);
  let draw = random() * total;
  for (let k = 0; k < weights.length; k++) {
    draw -= weights[k]!;
    if (draw <= 0) return k + 1;
  }
  return config.maxGroupsPerUser;
}

/** Some groups are popular, most are small: weight 1/rank^0.8 over a random ranking of groups 2…N. */
function weightedGroupPicker(config: DatasetConfig, random: Random): () => number {
  const ids = shuffleInPlace(range(2, config.groups), random);
  const cumulative: number[] = [];
  let sum = 0;
  ids.forEach((_, rank) => {
    sum += (rank + 1) ** -0.8;
    cumulative.push(sum);
  });
  return () => {
    const draw = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < draw) low = mid + 1;
      else high = mid;
    }
    return ids[low]!;
  };
}

/** Seat numbers in join order: slot per group (owner 0), userSlot per user. */
class Seats {
  private readonly byGroup = new Map<number, number[]>();
  private readonly userCounts = new Map<number, number>();
  private readonly pairs = new Set<string>();
  readonly order: Array<{ groupId: number; userId: number; slot: number; userSlot: number }> = [];

  constructor(private readonly cap: number) {}

  groupsOf(userId: number): number {
    return this.userCounts.get(userId) ?? 0;
  }

  has(groupId: number, userId: number): boolean {
    return this.pairs.has(`${groupId}:${userId}`);
  }

  add(groupId: number, userId: number): void {
    const userSlot = this.groupsOf(userId);
    if (userSlot >= this.cap) throw new Error(`user ${userId} over the cap`);
    const members = this.byGroup.get(groupId) ?? [];
    this.byGroup.set(groupId, members);
    this.order.push({ groupId, userId, slot: members.length, userSlot });
    members.push(userId);
    this.userCounts.set(userId, userSlot + 1);
    this.pairs.add(`${groupId}:${userId}`);
  }

  sizeOf(groupId: number): number {
    return this.byGroup.get(groupId)?.length ?? 0;
  }
}

/** Join times rise with the slot between the group's creation and now; activity follows the join. */
function timeMemberships(seats: Seats, groups: PlannedGroup[], now: Date, random: Random) {
  return seats.order.map(({ groupId, userId, slot, userSlot }): PlannedMembership => {
    const created = groups[groupId - 1]!.createdAt.getTime();
    const span = now.getTime() - created;
    const joinedAt = new Date(created + (span * slot) / (seats.sizeOf(groupId) + 1));
    const activityAt = new Date(joinedAt.getTime() + random() * (now.getTime() - joinedAt.getTime()));
    return { groupId, userId, slot, userSlot, joinedAt, activityAt };
  });
}
