import { describe, expect, it } from 'vitest';
import {
  claimForRepair,
  emptyLedger,
  holdForBackoff,
  markForChange,
  releaseHold,
} from '../src/rongcloud/sync-state.ts';
import { groupTarget } from '../src/rongcloud/sync-target.ts';
import { useCoreDeps } from '../src/testing.ts';

let clock = new Date('2026-01-01T00:00:00Z');
const deps = useCoreDeps({ now: () => clock });
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let nextId = 800_000;
const asInstance = (name: string) => ({ ...deps, rongcloud: { ...deps.rongcloud, instanceId: name } });

async function newGroup() {
  const id = nextId++;
  await deps.db.groups.create({
    _id: id,
    name: 'g',
    ownerId: 1,
    createdAt: clock,
    updatedAt: clock,
    status: 'live',
  });
  return groupTarget(id);
}

const syncOf = async (id: number) => (await deps.db.groups.findById(id).lean())?.sync;

describe('markForChange', () => {
  it('marks all of 20 parallel changes and gives exactly one of them the target', async () => {
    const target = await newGroup();
    const marks = await Promise.all(
      Array.from({ length: 20 }, (_, i) => markForChange(asInstance(`i${i}`), target, { status: 'live' })),
    );
    expect(marks.filter((mark) => mark?.hold)).toHaveLength(1);
    expect((await syncOf(target.id))?.rev).toBe(20);
    expect(new Set(marks.map((mark) => mark!.doc.sync!.rev)).size).toBe(20);
  });

  it('marks nothing when the target does not match', async () => {
    const target = await newGroup();
    expect(await markForChange(deps, target, { status: 'dismissed' })).toBeNull();
    expect(await syncOf(target.id)).toBeUndefined();
  });

  it('confirms only the rev it claimed with: a change marked since keeps the target out of step', async () => {
    const target = await newGroup();
    const first = await markForChange(deps, target, {});
    expect(first?.hold?.wasInStep).toBe(true);
    const second = await markForChange(asInstance('other'), target, {});
    expect(second?.hold).toBeUndefined();
    expect(await releaseHold(deps, first!.hold!, emptyLedger(), true)).toBe('released');
    // RongCloud holds the first change, not the second: how far it got is recorded, the target stays out of step.
    const after = await syncOf(target.id);
    expect(after?.pendingSince).toBeInstanceOf(Date);
    expect(after?.syncedRev).toBe(1);
    expect(after?.holder).toBeUndefined();
    // The repair sends the whole group, and its confirmation ends the pending state.
    const repair = await claimForRepair(asInstance('repairer'), target);
    expect(repair?.hold).toMatchObject({ rev: 2 });
    expect(await releaseHold(asInstance('repairer'), repair!.hold!, emptyLedger(), true)).toBe('released');
    expect(await syncOf(target.id)).toMatchObject({ rev: 2, syncedRev: 2 });
    expect((await syncOf(target.id))?.pendingSince).toBeUndefined();
    expect(await claimForRepair(deps, target)).toBeNull();
  });
});

describe('holds', () => {
  it('are taken over once they have run out, not before, and the late holder cannot end its successor’s', async () => {
    const target = await newGroup();
    const first = await markForChange(deps, target, {});
    const other = asInstance('other');
    expect(await claimForRepair(other, target)).toBeNull();
    later(deps.rongcloud.leaseTtlMs + 1);
    const successor = await claimForRepair(other, target);
    expect(successor?.hold?.epoch).toBe(first!.hold!.epoch + 1);
    expect(await releaseHold(deps, first!.hold!, emptyLedger(), true)).toBe('lost');
    expect((await syncOf(target.id))?.holder).toBe('other');
    expect(await releaseHold(other, successor!.hold!, emptyLedger(), true)).toBe('released');
    expect((await syncOf(target.id))?.pendingSince).toBeUndefined();
  });

  it('become a backoff that grows with each failure in a row, forgotten on success', async () => {
    const target = await newGroup();
    const { backoffBaseMs } = deps.rongcloud;
    const first = await markForChange(deps, target, {});
    expect(await holdForBackoff(deps, first!.hold!, emptyLedger())).toBe('released');
    const backoff = await syncOf(target.id);
    expect(backoff).toMatchObject({ holder: 'backoff', failures: 1 });
    expect(await claimForRepair(deps, target)).toBeNull();
    later(backoff!.expiresAt!.getTime() - clock.getTime() + 1);
    const retry = await claimForRepair(deps, target);
    expect(await holdForBackoff(deps, retry!.hold!, emptyLedger())).toBe('released');
    const second = await syncOf(target.id);
    expect(second?.failures).toBe(2);
    expect(second!.expiresAt!.getTime() - clock.getTime()).toBeGreaterThanOrEqual(backoffBaseMs);
    later(second!.expiresAt!.getTime() - clock.getTime() + 1);
    const last = await claimForRepair(deps, target);
    expect(await releaseHold(deps, last!.hold!, emptyLedger(), true)).toBe('released');
    expect(await syncOf(target.id)).toMatchObject({ failures: 0, syncedRev: 1 });
  });
});
