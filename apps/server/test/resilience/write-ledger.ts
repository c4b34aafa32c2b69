// What the service acknowledged: every write answered 2xx, kept per group and per (group, user) pair, so that the
// database can be checked afterwards. One worker owns each user, so the writes of one pair never race.
import type { Database } from '@groupchat/db';

type PairState = 'in' | 'out' | 'unknown';

export interface KnownGroup {
  id: number;
  code: string;
  ownerId: number;
  /** The last acknowledged name, or null once a rename ended without an answer. */
  name: string | null;
}

export class WriteLedger {
  readonly groups: KnownGroup[] = [];
  private readonly pairs = new Map<string, PairState>();

  created(group: KnownGroup): void {
    this.groups.push(group);
  }

  /** A join or quit answered 2xx (`in`/`out`), or ended without a clear answer (`unknown`). */
  member(groupId: number, userId: number, state: PairState): void {
    this.pairs.set(`${groupId}:${userId}`, state);
  }

  stateOf(groupId: number, userId: number): PairState | undefined {
    return this.pairs.get(`${groupId}:${userId}`);
  }

  groupsOf(userId: number): number[] {
    return [...this.pairs]
      .filter(([key, state]) => state === 'in' && key.endsWith(`:${userId}`))
      .map(([key]) => Number(key.split(':')[0]));
  }

  pairEntries(): Array<{ groupId: number; userId: number; state: PairState }> {
    return [...this.pairs].map(([key, state]) => {
      const [groupId, userId] = key.split(':').map(Number);
      return { groupId: groupId!, userId: userId!, state };
    });
  }
}

export interface WriteCheck {
  /** Final states checked: groups live with their owner and name, members present, quitters absent. */
  verified: number;
  problems: string[];
}

/** Every acknowledged write is in the database (a later acknowledged write of the same pair supersedes it). */
export async function verifyWrites(db: Database, ledger: WriteLedger): Promise<WriteCheck> {
  const problems: string[] = [];
  let verified = 0;
  const groups = new Map(
    (await db.groups.find({ _id: { $in: ledger.groups.map((g) => g.id) } }).lean()).map((g) => [g._id, g]),
  );
  for (const known of ledger.groups) {
    const group = groups.get(known.id);
    if (group?.status !== 'live') problems.push(`group ${known.id} is ${group?.status ?? 'missing'}`);
    else if (group.ownerId !== known.ownerId) problems.push(`group ${known.id} is owned by ${group.ownerId}`);
    else if (group.code !== known.code) problems.push(`group ${known.id} has code ${group.code}`);
    else if (known.name !== null && group.name !== known.name)
      problems.push(`group ${known.id} is named ${group.name}, not ${known.name}`);
    else verified++;
  }
  const memberships = new Set(
    (await db.memberships.find({}, { groupId: 1, userId: 1 }).lean()).map((m) => `${m.groupId}:${m.userId}`),
  );
  for (const known of ledger.groups) {
    if (memberships.has(`${known.id}:${known.ownerId}`)) verified++;
    else problems.push(`owner ${known.ownerId} is not in group ${known.id}`);
  }
  for (const { groupId, userId, state } of ledger.pairEntries()) {
    if (state === 'unknown') continue;
    const present = memberships.has(`${groupId}:${userId}`);
    if (present === (state === 'in')) verified++;
    else problems.push(`user ${userId} should be ${state} group ${groupId}`);
  }
  return { verified, problems };
}

/** Half-written state: a group left pending, or a membership of a group that is not live. */
export async function halfWritten(db: Database): Promise<string[]> {
  const problems: string[] = [];
  for (const group of await db.groups.find({ status: 'pending' }).lean())
    problems.push(`group ${group._id} is still pending`);
  const live = new Set((await db.groups.find({ status: 'live' }, { _id: 1 }).lean()).map((g) => g._id));
  for (const membership of await db.memberships.find({}).lean())
    if (!live.has(membership.groupId))
      problems.push(
        `user ${membership.userId} is a member of group ${membership.groupId}, which is not live`,
      );
  return problems;
}
