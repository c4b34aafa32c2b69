import { describe, expect, it } from 'vitest';
import { runUnderLease } from '../src/rongcloud/lease.ts';
import { useCoreDeps } from '../src/testing.ts';

let clock = new Date('2026-01-01T00:00:00Z');
const deps = useCoreDeps({ now: () => clock });
const later = (ms: number) => (clock = new Date(clock.getTime() + ms));
let nextId = 1;
const newTarget = () => ({ kind: 'group' as const, id: nextId++ });
const otherInstance = () => ({ ...deps, rongcloud: { ...deps.rongcloud, instanceId: `other-${nextId}` } });

describe('runUnderLease', () => {
  it('admits exactly one of 20 parallel claimers, then the next one once released', async () => {
    const target = newTarget();
    let inside = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const claims = Array.from({ length: 20 }, (_, i) =>
      runUnderLease({ ...deps, rongcloud: { ...deps.rongcloud, instanceId: `i${i}` } }, target, async () => {
        inside++;
        await held;
        return 'done' as const;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    const outcomes = await Promise.all(claims);
    expect(outcomes.filter((outcome) => outcome === 'done')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'busy')).toHaveLength(19);
    expect(inside).toBe(1);
    expect(await runUnderLease(deps, target, async () => 'done' as const)).toBe('done');
    expect(await deps.db.rongCloudLeases.countDocuments({ _id: `group:${target.id}` })).toBe(1);
  });

  it('takes over a lease its holder never released once it has expired, not before', async () => {
    const target = newTarget();
    let crashed!: () => void;
    const forever = runUnderLease(
      deps,
      target,
      () => new Promise<'done'>((resolve) => (crashed = () => resolve('done'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const other = otherInstance();
    expect(await runUnderLease(other, target, async () => 'done' as const)).toBe('busy');
    later(deps.rongcloud.leaseTtlMs + 1);
    let overtaken!: () => void;
    const successor = runUnderLease(
      other,
      target,
      () => new Promise<'done'>((resolve) => (overtaken = () => resolve('done'))),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The first holder wakes up late and releases: only its own epoch, so the successor keeps the target.
    crashed();
    await forever;
    expect(await runUnderLease(deps, target, async () => 'done' as const)).toBe('busy');
    overtaken();
    expect(await successor).toBe('done');
    expect(await runUnderLease(deps, target, async () => 'done' as const)).toBe('done');
  });

  it('holds a failed target for a backoff that grows with each failure in a row, and forgets them on success', async () => {
    const target = newTarget();
    const { backoffBaseMs } = deps.rongcloud;
    expect(await runUnderLease(deps, target, async () => 'failed' as const)).toBe('failed');
    const first = await deps.db.rongCloudLeases.findById(`group:${target.id}`).lean();
    expect(first).toMatchObject({ holder: 'backoff', failures: 1 });
    expect(await runUnderLease(deps, target, async () => 'done' as const)).toBe('busy');
    later(first!.expiresAt.getTime() - clock.getTime() + 1);
    expect(await runUnderLease(deps, target, async () => 'failed' as const)).toBe('failed');
    const second = await deps.db.rongCloudLeases.findById(`group:${target.id}`).lean();
    expect(second?.failures).toBe(2);
    expect(second!.expiresAt.getTime() - clock.getTime()).toBeGreaterThanOrEqual(backoffBaseMs);
    later(second!.expiresAt.getTime() - clock.getTime() + 1);
    expect(await runUnderLease(deps, target, async () => 'done' as const)).toBe('done');
    expect((await deps.db.rongCloudLeases.findById(`group:${target.id}`).lean())?.failures).toBe(0);
  });
});
