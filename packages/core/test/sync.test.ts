// The rules of withRongCloudSync that no ordinary request shows: a repair slipping between a change's mark and its
// commit, and the database going away right after a commit.
import { setTimeout as sleep } from 'node:timers/promises';
import { countOutOfStepTargets, type GroupDoc } from '@groupchat/db';
import { describe, expect, it, vi } from 'vitest';
import { withRongCloudSync } from '../src/rongcloud/sync.ts';
import { claimForRepair, emptyLedger, markForChange, releaseHold } from '../src/rongcloud/sync-state.ts';
import { groupTarget } from '../src/rongcloud/sync-target.ts';
import { useCoreDeps } from '../src/testing.ts';

// Real time, moved forward where a test waits out a hold.
let offsetMs = 0;
const deps = useCoreDeps({ now: () => new Date(Date.now() + offsetMs) });
const asInstance = (name: string) => ({ ...deps, rongcloud: { ...deps.rongcloud, instanceId: name } });
let nextId = 820_000;

async function newGroup() {
  const id = nextId++;
  const now = new Date();
  await deps.db.groups.create({
    _id: id,
    name: 'g',
    ownerId: 1,
    createdAt: now,
    updatedAt: now,
    status: 'live',
  });
  return groupTarget(id);
}

async function heldElsewhere() {
  const target = await newGroup();
  const other = asInstance('other');
  const marked = await markForChange(other, target, {});
  return { target, release: () => releaseHold(other, marked!.hold!, emptyLedger(), true) };
}

const rename = (id: number, name = 'renamed') =>
  deps.db.groups
    .findOneAndUpdate({ _id: id }, { $set: { name } }, { returnDocument: 'after' })
    .lean<GroupDoc>()
    .then((group) => group!);

describe('a change that found its group held', () => {
  it('stays out of step when a repair read the group between its mark and its commit', async () => {
    const { target, release } = await heldElsewhere();
    await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
      target,
      commit: async () => {
        // The holder ends without this change; a repair claims the group and confirms what it read: the old name.
        await release();
        const repairer = asInstance('repairer');
        const repair = await claimForRepair(repairer, target);
        expect(await releaseHold(repairer, repair!.hold!, emptyLedger(), true)).toBe('released');
        expect(await countOutOfStepTargets(deps.db, target)).toBe(0);
        return rename(target.id);
      },
      mirror: () => Promise.reject(new Error('only a holder mirrors')),
    });
    expect(await countOutOfStepTargets(deps.db, target)).toBe(1);
  });

  it('marks the group again once the database answers, when it went away right after the commit', async () => {
    const { target, release } = await heldElsewhere();
    const outage = Object.assign(new Error('connection closed'), { name: 'MongoNetworkError' });
    await expect(
      withRongCloudSync<GroupDoc, GroupDoc>(deps, {
        target,
        commit: async () => {
          await release();
          const repairer = asInstance('repairer');
          const repair = await claimForRepair(repairer, target);
          await releaseHold(repairer, repair!.hold!, emptyLedger(), true);
          const renamed = await rename(target.id);
          vi.spyOn(deps.db.groups, 'updateOne').mockRejectedValueOnce(outage);
          return renamed;
        },
        mirror: () => Promise.reject(new Error('only a holder mirrors')),
      }),
    ).rejects.toBe(outage);
    vi.restoreAllMocks();
    expect(await countOutOfStepTargets(deps.db, target)).toBe(0);
    await sleep(800);
    expect(await countOutOfStepTargets(deps.db, target)).toBe(1);
  });
});

describe('a change that found its group out of step', () => {
  it('sends its own part but confirms nothing: the change before it never reached RongCloud', async () => {
    const target = await newGroup();
    const { id } = target;
    await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
      target,
      commit: () => rename(id, 'first'),
      mirror: () => Promise.reject(new Error('RongCloud is down')),
    });
    expect(await countOutOfStepTargets(deps.db, target)).toBe(1);
    // The backoff runs out before any repair comes; the next change holds the group and RongCloud answers it.
    offsetMs += deps.rongcloud.lateApplyMs + deps.rongcloud.backoffMaxMs;
    let sent = false;
    await withRongCloudSync<GroupDoc, GroupDoc>(deps, {
      target,
      commit: () => rename(id, 'second'),
      mirror: async () => {
        sent = true;
      },
    });
    expect(sent).toBe(true);
    expect(await countOutOfStepTargets(deps.db, target)).toBe(1);
    expect((await deps.db.groups.findById(id).lean())?.sync).toMatchObject({ rev: 2 });
  });
});
