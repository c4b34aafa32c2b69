// Writes a SeedPlan into the database through the models of @groupchat/db, in batches: the one file to adjust when
// the data model changes (documents are validated by the models, so a new required field fails loudly here).
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { type Database, membershipId } from '@groupchat/db';
import type { SeedPlan } from './seed-plan.ts';

const BATCH = 2_000;
const LEVELS = ['', '', '', 'A', 'B', 'C', 'D'] as const;
const CODE_TTL_MS = 86_400_000;

export interface SeedResult {
  /** API token of every user, by user id (index 0 unused). */
  tokens: string[];
  counts: Record<string, number>;
  seconds: number;
}

export interface SeedOptions {
  /** Tags the cached RongCloud tokens so the service reuses them instead of asking RongCloud (im-token.ts). */
  credentialsTag: string;
}

export async function seedDatabase(db: Database, plan: SeedPlan, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  // A fresh embedded database is empty; an external one may hold an earlier run.
  const names = ['users', 'groups', 'memberships', 'group_codes', 'auth_tokens', 'counters'];
  await Promise.all(names.map((name) => db.connection.db!.collection(name).deleteMany({})));
  const passwordHash = hashPassword('password');
  const now = plan.now;
  const users = plan.userIds.map((id) => ({
    _id: id,
    username: `13${String(id).padStart(9, '0')}`,
    passwordHash,
    name: `用户${id}`,
    nick: `nick${id}`,
    avatar: null,
    level: LEVELS[id % LEVELS.length]!,
    imToken: { value: `bench-im-token-${id}`, credentialsTag: options.credentialsTag, issuedAt: now },
    createdAt: now,
    updatedAt: now,
  }));
  await insertInBatches(db.users, users);

  const memberCounts = new Map<number, number>();
  for (const membership of plan.memberships) {
    memberCounts.set(membership.groupId, (memberCounts.get(membership.groupId) ?? 0) + 1);
  }
  const groups = plan.groups.map((group) => ({
    _id: group.id,
    name: `群聊 ${group.id}`,
    code: group.code,
    codeExpiresAt: group.code ? new Date(group.createdAt.getTime() + CODE_TTL_MS) : null,
    cover: null,
    ownerId: group.ownerId,
    memberCount: memberCounts.get(group.id) ?? 0,
    adminIds: [],
    announcement: '',
    allMuted: false,
    createdAt: group.createdAt,
    updatedAt: group.createdAt,
    status: 'live' as const,
    dismissedAt: null,
  }));
  await insertInBatches(db.groups, groups);
  const codes = plan.groups
    .filter((group) => group.codeActive)
    .map((group) => ({
      _id: group.code,
      groupId: group.id,
      expiresAt: new Date(group.createdAt.getTime() + CODE_TTL_MS),
    }));
  await insertInBatches(db.groupCodes, codes);
  await insertInBatches(
    db.memberships,
    plan.memberships.map((membership) => ({
      _id: membershipId(membership.groupId, membership.userId),
      ...membership,
    })),
  );

  const tokens: string[] = [''];
  const authTokens = plan.userIds.map((userId) => {
    const token = randomBytes(32).toString('base64url');
    tokens[userId] = token;
    return { _id: createHash('sha256').update(token).digest('hex'), userId, createdAt: now };
  });
  await insertInBatches(db.authTokens, authTokens);
  await db.counters.insertMany([
    { _id: 'users', seq: plan.userIds.length },
    { _id: 'groups', seq: plan.groups.length },
  ]);
  return {
    tokens,
    counts: {
      users: users.length,
      groups: groups.length,
      memberships: plan.memberships.length,
      groupCodes: codes.length,
      authTokens: authTokens.length,
    },
    seconds: (performance.now() - started) / 1000,
  };
}

async function insertInBatches<T>(
  model: { insertMany(docs: T[], options: { ordered: boolean }): Promise<unknown> },
  docs: T[],
) {
  for (let i = 0; i < docs.length; i += BATCH) {
    await model.insertMany(docs.slice(i, i + BATCH), { ordered: false });
  }
}

/** The stored format of @groupchat/core's hashPassword (scrypt$cost$r$p$salt$key) at the test cost 2^10. */
function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return ['scrypt', 10, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}
