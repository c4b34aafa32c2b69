import { describe, expect, it } from 'vitest';
import { createExpiryIndex } from '../src/expiry-index.ts';
import { insertWithNextId, isDuplicateKeyError, membershipId } from '../src/index.ts';
import { useTestDatabase } from '../src/testing.ts';

const ctx = useTestDatabase();

const newUser = (id: number, username = `1380000${String(id).padStart(4, '0')}`) => ({
  _id: id,
  username,
  passwordHash: 'x',
  name: '',
  nick: '',
  avatar: null,
  level: '' as const,
  imToken: null,
  outOfStepSince: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe('insertWithNextId', () => {
  it('never gives the same id to concurrent inserts', async () => {
    const users = await Promise.all(
      Array.from({ length: 40 }, () => insertWithNextId(ctx.db, ctx.db.users, (id) => newUser(id))),
    );
    const ids = users.map((user) => user._id);
    expect(new Set(ids).size).toBe(40);
    expect(await ctx.db.users.countDocuments()).toBe(40);
  });

  it('reports a clash on another unique index instead of retrying it', async () => {
    await insertWithNextId(ctx.db, ctx.db.users, (id) => newUser(id, '13999999999'));
    const clash = insertWithNextId(ctx.db, ctx.db.users, (id) => newUser(id, '13999999999'));
    await expect(clash).rejects.toSatisfy(isDuplicateKeyError);
    expect(await ctx.db.users.countDocuments({ username: '13999999999' })).toBe(1);
  });
});

describe('indexes on the embedded database', () => {
  it('keeps one pending invitation per group and invitee; the expiry index only where TTL exists', async () => {
    const now = new Date();
    const invitation = { groupId: 7, inviteeId: 8, inviterId: 9, createdAt: now, expiresAt: now };
    await ctx.db.invitations.create({ _id: 1, ...invitation });
    await expect(ctx.db.invitations.create({ _id: 2, ...invitation })).rejects.toSatisfy(isDuplicateKeyError);
    // FerretDB 1.x answers "not implemented" to expireAfterSeconds (MongoDB, the fallback without Go, does not);
    // connecting did not fail on it either way, and the answer says which happened.
    const created = await createExpiryIndex(ctx.db.invitations as never, 'expiresAt');
    const indexes = await ctx.db.invitations.collection.indexes();
    expect(indexes.some((index) => 'expireAfterSeconds' in index)).toBe(created);
  });

  it('refuses a second membership of the same user in the same group', async () => {
    const now = new Date();
    await ctx.db.memberships.create({
      _id: membershipId(1, 1),
      groupId: 1,
      userId: 1,
      slot: 0,
      userSlot: 0,
      joinedAt: now,
      activityAt: now,
    });
    // Other seats, same member: the _id alone refuses it.
    const second = ctx.db.memberships.create({
      _id: membershipId(1, 1),
      groupId: 1,
      userId: 1,
      slot: 1,
      userSlot: 1,
      joinedAt: now,
      activityAt: now,
    });
    await expect(second).rejects.toSatisfy(isDuplicateKeyError);
    expect(await ctx.db.memberships.countDocuments({ groupId: 1 })).toBe(1);
  });

  it('admits exactly one of many concurrent identical memberships', async () => {
    const now = new Date();
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        ctx.db.memberships.create({
          _id: membershipId(2, 7),
          groupId: 2,
          userId: 7,
          slot: 0,
          userSlot: 0,
          joinedAt: now,
          activityAt: now,
        }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect(await ctx.db.memberships.countDocuments({ groupId: 2 })).toBe(1);
  });
});
