// SIGTERM under load: requests in flight finish with their normal answer, new ones are refused cleanly (503 in the
// envelope, or no connection at all), the process exits 0 within 10 s, and nothing is half-written. RongCloud is
// slow (within a long deadline) so that writes are in flight when the signal arrives; a restarted service then
// brings RongCloud in step.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase, countOutOfStepTargets, type Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rongCloudDifferences } from '../rongcloud-match.ts';
import { eventually } from '../test-server.ts';
import { isSuccess, type Sample } from './http-call.ts';
import { registerCrews, startProfileLoad } from './load-runner.ts';
import { profile } from './resilience-profile.ts';
import { killServices, rongCloudEnv, startService } from './service-process.ts';
import { type Headline, printTable, tally, tallyColumns } from './summary.ts';
import { halfWritten, verifyWrites } from './write-ledger.ts';

const MAX_EXIT_MS = 10_000;
/** Each RongCloud call takes this long; the deadline below lets requests wait for it. */
const RONGCLOUD_LATENCY_MS = 1_200;
/** Requests started this close to the signal may or may not have reached the server before it began draining. */
const SIGNAL_MARGIN_MS = 250;

const refusedCleanly = (sample: Sample) =>
  (sample.outcome === 503 && sample.code === 'service_unavailable') ||
  sample.outcome === 'refused' ||
  sample.outcome === 'closed';

export function describeSigterm(headlines: Headline[]): void {
  describe('SIGTERM under load', () => {
    const appKey = 'sigterm-key';
    const appSecret = randomBytes(12).toString('hex');
    const databaseUri = testDatabaseUri();
    let emulator: RunningEmulator;
    let db: Database;

    const serviceEnv = () => ({
      MONGODB_URI: databaseUri,
      ...rongCloudEnv(emulator.url, appKey, appSecret),
      RONGCLOUD_REQUEST_DEADLINE_MS: String(RONGCLOUD_LATENCY_MS * 4),
      // Longer than the deadline: a request holds its lease while it waits for RongCloud.
      RONGCLOUD_LEASE_TTL_MS: String(RONGCLOUD_LATENCY_MS * 8),
    });

    beforeAll(async () => {
      emulator = await startEmulator({ appKey, appSecret, port: 0 });
      db = await connectDatabase(databaseUri);
    });
    afterAll(async () => {
      killServices();
      await db?.connection.dropDatabase();
      await db?.close();
      await emulator?.close();
    });

    it(
      'finishes requests in flight, refuses new ones cleanly, exits 0 within 10 s, leaves nothing half-written',
      async () => {
        const service = await startService(serviceEnv());
        const crews = await registerCrews(service.url, profile.sigtermWorkers, profile.guestsPerWorker);
        emulator.addFault({ endpoint: '*', latencyMs: RONGCLOUD_LATENCY_MS });
        const { ledger, load } = startProfileLoad(service.url, crews);
        await sleep(profile.sigtermLoadMs);
        // Writes wait about RONGCLOUD_LATENCY_MS for RongCloud: signal while several have been under way a while.
        await eventually(() => {
          const settled = Date.now() - 2 * SIGNAL_MARGIN_MS;
          expect(load.inFlight().filter((startedAt) => startedAt < settled).length).toBeGreaterThanOrEqual(2);
        });
        const signalledAt = Date.now();
        service.child.kill('SIGTERM');
        const exit = await Promise.race([service.exited, sleep(MAX_EXIT_MS * 2).then(() => undefined)]);
        // Keep knocking for a moment after the exit: those requests must find the door shut, not a hang.
        await sleep(300);
        await load.stop();
        const exitMs = (exit?.at ?? Number.POSITIVE_INFINITY) - signalledAt;

        const { samples } = load;
        const inFlight = samples.filter(
          (s) => s.startedAt < signalledAt - SIGNAL_MARGIN_MS && s.endedAt > signalledAt,
        );
        const borderline = samples.filter(
          (s) =>
            s.startedAt >= signalledAt - SIGNAL_MARGIN_MS && s.startedAt < signalledAt + SIGNAL_MARGIN_MS,
        );
        const late = samples.filter((s) => s.startedAt >= signalledAt + SIGNAL_MARGIN_MS);
        const before = samples.filter(
          (s) => s.startedAt < signalledAt - SIGNAL_MARGIN_MS && s.endedAt <= signalledAt,
        );
        const problems = await halfWritten(db);
        const writes = await verifyWrites(db, ledger);

        // A new instance on the same database finishes what RongCloud missed.
        emulator.clearFaults();
        const restarted = await startService(serviceEnv());
        const restartedAt = Date.now();
        await eventually(async () => {
          expect(await rongCloudDifferences(db, emulator)).toEqual([]);
          expect(await countOutOfStepTargets(db)).toBe(0);
        }, 30_000);
        const convergeMs = Date.now() - restartedAt;
        restarted.child.kill('SIGTERM');

        const count = (list: Sample[], outcome: Sample['outcome']) =>
          list.filter((s) => s.outcome === outcome).length;
        const total = tally(samples);
        printTable(
          `SIGTERM under load (${profile.name}: ${crews.length} workers, RongCloud +${RONGCLOUD_LATENCY_MS} ms per ` +
            `call; exit ${exit ? (exit.code ?? exit.signal) : 'none'} after ${exitMs} ms; ` +
            `${writes.verified} final states verified, ${writes.problems.length} missing, ` +
            `${problems.length} half-written)`,
          [
            { phase: 'answered before the signal', ...tallyColumns(tally(before)) },
            {
              phase: 'in flight at the signal',
              ...tallyColumns(tally(inFlight)),
              writes: inFlight.filter((s) => s.write).length,
            },
            { phase: `started ±${SIGNAL_MARGIN_MS} ms around it`, ...tallyColumns(tally(borderline)) },
            {
              phase: 'started after it',
              ...tallyColumns(tally(late)),
              refusals: `${count(late, 503)} × 503, ${count(late, 'refused')} refused, ${count(late, 'closed')} closed`,
            },
            { phase: 'total', ...tallyColumns(total), 'RongCloud in step after restart ms': convergeMs },
          ],
        );
        headlines.push({
          scenario: 'SIGTERM',
          counts: total,
          faults: `1 SIGTERM, ${inFlight.length} requests in flight (${inFlight.filter((s) => s.write).length} writes)`,
          maxLatencyDuringFaultsMs: tally(inFlight).maxLatencyMs,
          writesVerified: `${writes.verified}, ${writes.problems.length} missing, ${problems.length} half-written`,
          converged: `exit ${exit?.code ?? exit?.signal ?? 'none'} after ${exitMs} ms; RongCloud ${convergeMs} ms after restart`,
        });

        expect(exit?.code, 'exit code').toBe(0);
        expect(exitMs).toBeLessThanOrEqual(MAX_EXIT_MS);
        expect(inFlight.filter((s) => s.write).length, 'writes in flight at the signal').toBeGreaterThan(0);
        expect(inFlight.filter((s) => !isSuccess(s))).toEqual([]);
        expect(before.filter((s) => !isSuccess(s))).toEqual([]);
        expect(borderline.filter((s) => !isSuccess(s) && !refusedCleanly(s))).toEqual([]);
        expect(late.length, 'requests after the signal').toBeGreaterThan(0);
        expect(late.filter((s) => !refusedCleanly(s))).toEqual([]);
        expect(problems).toEqual([]);
        expect(writes.problems).toEqual([]);
        expect(writes.verified).toBeGreaterThan(0);
      },
      profile.testTimeoutMs,
    );
  });
}
