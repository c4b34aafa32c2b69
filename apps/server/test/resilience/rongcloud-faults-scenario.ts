// RongCloud down, slow, rate-limiting and failing, each in turn under load: the API keeps answering 2xx within
// the mirror's deadline, and once each fault is cleared RongCloud converges to MongoDB. Every acknowledged write
// is in the database at the end.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase, countOutOfStepTargets, type Database } from '@groupchat/db';
import { testDatabaseUri } from '@groupchat/db/testing';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rongCloudDifferences } from '../rongcloud-match.ts';
import { eventually } from '../test-server.ts';
import { isSuccess } from './http-call.ts';
import { registerCrews, startProfileLoad } from './load-runner.ts';
import { profile } from './resilience-profile.ts';
import {
  killServices,
  rongCloudEnv,
  type ServiceProcess,
  SHARED_ENV,
  startService,
} from './service-process.ts';
import { type Headline, printTable, type Row, tally, tallyColumns } from './summary.ts';
import { verifyWrites } from './write-ledger.ts';

const deadlineMs = Number(SHARED_ENV.RONGCLOUD_REQUEST_DEADLINE_MS);
const MAX_CONVERGE_MS = 20_000;

const FAULTS: Array<{ name: string; inject(emulator: RunningEmulator): void }> = [
  { name: 'down (connections dropped)', inject: (e) => e.addFault({ downForMs: 10 * 60_000 }) },
  {
    name: `slow (+${deadlineMs * 3} ms per call)`,
    inject: (e) => e.addFault({ endpoint: '*', latencyMs: deadlineMs * 3 }),
  },
  {
    name: 'rate limiting (429, 1008)',
    inject: (e) => e.addFault({ endpoint: '*', count: 100_000, httpStatus: 429, code: 1008 }),
  },
  {
    name: 'failing (500, 1000)',
    inject: (e) => e.addFault({ endpoint: '*', count: 100_000, httpStatus: 500, code: 1000 }),
  },
];

interface Phase {
  name: string;
  from: number;
  to: number;
  /** RongCloud calls that failed during the phase. */
  failed: number;
  /** Groups whose changes RongCloud had not confirmed when the fault was cleared. */
  outOfStep: number;
  convergeMs: number;
}

export function describeRongCloudFaults(headlines: Headline[]): void {
  describe('RongCloud down, slow, rate-limiting and failing under load', () => {
    const appKey = 'load-faults-key';
    const appSecret = randomBytes(12).toString('hex');
    const databaseUri = testDatabaseUri();
    let emulator: RunningEmulator;
    let service: ServiceProcess;
    let db: Database;

    beforeAll(async () => {
      emulator = await startEmulator({ appKey, appSecret, port: 0 });
      db = await connectDatabase(databaseUri);
      service = await startService({
        MONGODB_URI: databaseUri,
        ...rongCloudEnv(emulator.url, appKey, appSecret),
      });
    }, 60_000);
    afterAll(async () => {
      killServices();
      await db?.connection.dropDatabase();
      await db?.close();
      await emulator?.close();
    });

    const failedCalls = () =>
      Object.values(emulator.state.getCalls()).reduce((sum, count) => sum + count.failed, 0);

    it(
      'keeps answering 2xx, and RongCloud converges after each fault',
      async () => {
        const crews = await registerCrews(service.url, profile.workers, profile.guestsPerWorker);
        const { ledger, load } = startProfileLoad(service.url, crews);
        const loadStartedAt = Date.now();
        await sleep(profile.steadyMs);
        const phases: Phase[] = [];
        for (const fault of FAULTS) {
          load.resume();
          const failedBefore = failedCalls();
          const from = Date.now();
          fault.inject(emulator);
          await sleep(profile.rongCloudFaultMs);
          // The load stops while RongCloud catches up, so that "in step" has a fixed target.
          await load.pause();
          const to = Date.now();
          const outOfStep = await countOutOfStepTargets(db);
          emulator.clearFaults();
          await eventually(async () => {
            expect(await rongCloudDifferences(db, emulator)).toEqual([]);
            expect(await countOutOfStepTargets(db)).toBe(0);
          }, MAX_CONVERGE_MS);
          phases.push({
            name: fault.name,
            from,
            to,
            failed: failedCalls() - failedBefore,
            outOfStep,
            convergeMs: Date.now() - to,
          });
        }
        await load.stop();
        const writes = await verifyWrites(db, ledger);

        const { samples } = load;
        const total = tally(samples);
        const rows: Row[] = [
          { phase: 'no fault', ...tallyColumns(tally(samples, loadStartedAt, phases[0]!.from)) },
          ...phases.map((phase) => ({
            phase: phase.name,
            ...tallyColumns(tally(samples, phase.from, phase.to)),
            'RongCloud calls failed': phase.failed,
            'groups out of step': phase.outOfStep,
            'converged in ms': phase.convergeMs,
          })),
          { phase: 'total', ...tallyColumns(total) },
        ];
        printTable(
          `RongCloud faults under load (${profile.name}: ${crews.length} workers, ` +
            `${profile.rongCloudFaultMs / 1000} s per fault; ` +
            `${writes.verified} final states verified, ${writes.problems.length} missing)`,
          rows,
        );
        const failed = phases.reduce((sum, phase) => sum + phase.failed, 0);
        headlines.push({
          scenario: 'RongCloud faults',
          counts: total,
          faults: `down, slow, 429, 500 (${profile.rongCloudFaultMs / 1000} s each): ${failed} calls failed`,
          maxLatencyDuringFaultsMs: Math.max(
            ...phases.map((phase) => tally(samples, phase.from, phase.to).maxLatencyMs),
          ),
          writesVerified: `${writes.verified}, ${writes.problems.length} missing`,
          converged: `RongCloud ≤ ${Math.max(...phases.map((phase) => phase.convergeMs))} ms after each fault`,
        });

        const unexpected = samples.filter((s) => !isSuccess(s));
        expect(unexpected.slice(0, 5), `${unexpected.length} answers other than 2xx`).toEqual([]);
        expect(total.maxLatencyMs).toBeLessThanOrEqual(profile.maxLatencyUnderRongCloudFaultsMs);
        for (const phase of phases) {
          expect(phase.outOfStep, `${phase.name} was felt`).toBeGreaterThan(0);
          expect(
            tally(samples, phase.from, phase.to).writesAcknowledged,
            `writes during ${phase.name}`,
          ).toBeGreaterThan(0);
        }
        expect(writes.problems).toEqual([]);
        expect(writes.verified).toBeGreaterThan(0);
      },
      profile.testTimeoutMs,
    );
  });
}
