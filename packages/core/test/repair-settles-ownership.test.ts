// A quit that died between removing its member and settling the owner leaves a live group whose owner is no longer
// in it. The repair of that group settles the owner before it sends RongCloud the group.
import { membershipId } from '@groupchat/db';
import { describe, expect, it } from 'vitest';
import { reconcileOnce } from '../src/rongcloud/reconciler.ts';
import { useCoreDeps } from '../src/testing.ts';

const deps = useCoreDeps();

describe('a repair of a group whose owner has left', () => {
  it('makes the longest-standing member owner, and RongCloud holds the group with them', async () => {
    const at = new Date(Date.now() - 60_000);
    const groupId = 710_001;
    await deps.db.groups.create({
      _id: groupId,
      name: 'orphaned',
      ownerId: 1,
      memberCount: 2,
      createdAt: at,
      updatedAt: at,
      status: 'live',
      sync: { rev: 1, epoch: 0, pendingSince: at },
    });
    for (const [slot, userId] of [2, 3].entries()) {
      await deps.db.memberships.create({
        _id: membershipId(groupId, userId),
        groupId,
        userId,
        slot,
        userSlot: 0,
        joinedAt: new Date(at.getTime() + slot),
        activityAt: at,
      });
    }
    const report = await reconcileOnce(deps, {
      intervalMs: 1_000,
      graceMs: 0,
      batchSize: 10,
      fallbackBaseUrl: 'http://localhost',
    });
    expect(report.repaired).toBe(1);
    const group = await deps.db.groups.findById(groupId).lean();
    expect(group).toMatchObject({ ownerId: 2, memberCount: 2, sync: { syncedRev: 1 } });
    expect(group?.sync?.pendingSince).toBeUndefined();
    const held = deps.rongCloud.emulator.state.getGroup(`T${groupId}`);
    expect([...(held?.members ?? [])].sort()).toEqual(['T2', 'T3']);
  });
});
