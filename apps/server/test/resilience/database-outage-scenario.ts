// The database is killed (SIGKILL) and started again under write load: requests fail fast with 503 in the
// envelope (no hang, no 500, no crash), the service recovers by itself, every write answered 2xx is there
// afterwards, and RongCloud converges.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase, countOutOfStepTargets, type Database } from '@groupchat/db';
import { type RunningEmulator, startEmulator } from '@groupchat/rongcloud-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rongCloudDifferences } from '../rongcloud-match.ts';
import { eventually } from '../test-server.ts';
import { type RestartableDatabase, startRestartableDatabase } from './database-process.ts';
import { callApi, isSuccess, type Sample } from './http-call.ts';
import { registerCrews, startProfileLoad } from './load-runner.ts';
import { profile } from './resilience-profile.ts';
import { killServices, rongCloudEnv, type ServiceProcess, startService } from './service-process.ts';
import { type Headline, printTable, type Row, tally, tallyColumns } from './summary.ts';
import { verifyWrites } from './write-ledger.ts';

/**
 * From the kill (or its own start, if later) to its 503, a request waits for server selection (3 s) once, plus its
 * own work on a loaded machine. Requests that outlive the outage and succeed are bounded by the request timeout.
 */
const MAX_TIME_TO_503_MS = 4_500;
/** From the database listening again to the first write answered 2xx. */
const MAX_RECOVERY_MS = 5_000;

interface Outage {
  killedAt: number;
  upAt: number;
  recoveredAt: number;
  /** What /healthz and /readyz answered while the database was down. */
  health: Sample;
  readiness: Sample;
}

// An outage is answered 503 `service_unavailable` with Retry-After; nothing else may fail.
const isCleanOutageAnswer = (sample: Sample) =>
  sample.outcome === 503 && sample.code === 'service_unavailable' && sample.retryAfter !== undefined;

export function describeDatabaseOutage(headlines: Headline[]): void {
  describe('the database killed under write load', () => {
    const appKey = 'outage-key';
    const appSecret = randomBytes(12).toString('hex');
    const databaseName = 'resilience_outage';
    let dataDir: string;
    let database: RestartableDatabase;
    let emulator: RunningEmulator;
    let service: ServiceProcess;
    let db: Database | undefined;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'resilience-database-'));
      database = await startRestartableDatabase(dataDir);
      emulator = await startEmulator({ appKey, appSecret, port: 0 });
      service = await startService({
        MONGODB_URI: `${database.uri}/${databaseName}`,
        ...rongCloudEnv(emulator.url, appKey, appSecret),
      });
    }, 60_000);
    afterAll(async () => {
      killServices();
      await db?.close();
      await database?.stop();
      await emulator?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(
      'answers 503 fast while the database is down, recovers by itself, and loses no acknowledged write',
      async () => {
        const crews = await registerCrews(service.url, profile.workers, profile.guestsPerWorker);
        const { ledger, load } = startProfileLoad(service.url, crews);
        const loadStartedAt = Date.now();
        await sleep(profile.steadyMs);
        const outages: Outage[] = [];
        for (let i = 0; i < profile.databaseOutages; i++) {
          const killedAt = Date.now();
          await database.kill();
          const probes = sleep(500).then(() =>
            Promise.all([
              callApi(service.url, 'probe', { method: 'GET', path: '/healthz' }, profile.requestTimeoutMs),
              callApi(service.url, 'probe', { method: 'GET', path: '/readyz' }, profile.requestTimeoutMs),
            ]),
          );
          await sleep(profile.databaseOutageMs);
          await database.start();
          const upAt = Date.now();
          const firstWrite = await eventually(() => {
            const sample = load.samples.find((s) => s.write && s.startedAt >= upAt && isSuccess(s));
            if (!sample) throw new Error('no write has succeeded since the database came back');
            return sample;
          }, 20_000);
          const [health, readiness] = await probes;
          outages.push({
            killedAt,
            upAt,
            recoveredAt: firstWrite.endedAt,
            health: health.sample,
            readiness: readiness.sample,
          });
          await sleep(profile.steadyMs);
        }
        await load.stop();
        const loadEndedAt = Date.now();

        const convergeStartedAt = Date.now();
        const verifier = await connectDatabase(`${database.uri}/${databaseName}`);
        db = verifier;
        await eventually(async () => {
          expect(await rongCloudDifferences(verifier, emulator)).toEqual([]);
          expect(await countOutOfStepTargets(verifier)).toBe(0);
        }, 30_000);
        const convergeMs = Date.now() - convergeStartedAt;
        const writes = await verifyWrites(verifier, ledger);
        const ready = await fetch(`${service.url}/readyz`);
        const leftPending = await verifier.groups.countDocuments({ status: 'pending' });

        const { samples } = load;
        const overlapping = (outage: Outage) =>
          samples.filter((s) => s.startedAt < outage.upAt && s.endedAt > outage.killedAt);
        // A 503 belongs to the last kill before it, and is timed from that kill (or from its start, if later).
        const lastKillBefore = (at: number) => outages.findLast((outage) => outage.killedAt <= at);
        const timeTo503 = (outage: Outage) =>
          Math.max(
            0,
            ...samples
              .filter((s) => s.outcome === 503 && lastKillBefore(s.endedAt) === outage)
              .map((s) => s.endedAt - Math.max(s.startedAt, outage.killedAt)),
          );
        const total = tally(samples);
        const rows: Row[] = [
          {
            phase: 'before the first kill',
            ...tallyColumns(tally(samples, loadStartedAt, outages[0]!.killedAt)),
          },
          ...outages.map((outage, i) => ({
            phase: `down #${i + 1}: ${database.lastKill}, ${outage.upAt - outage.killedAt} ms`,
            ...tallyColumns(tally(overlapping(outage))),
            '503 within ms': timeTo503(outage),
            'recovered in ms': outage.recoveredAt - outage.upAt,
          })),
          {
            phase: 'after the last restart',
            ...tallyColumns(tally(samples, outages.at(-1)!.upAt, loadEndedAt)),
          },
          { phase: 'total', ...tallyColumns(total), 'RongCloud in step after ms': convergeMs },
        ];
        printTable(
          `Database killed under load (${profile.name}: ${crews.length} workers; ` +
            `${writes.verified} final states verified, ${writes.problems.length} missing; ` +
            `${leftPending} interrupted creates left pending, invisible)`,
          rows,
        );
        const maxRecoveryMs = Math.max(...outages.map((outage) => outage.recoveredAt - outage.upAt));
        headlines.push({
          scenario: 'database killed',
          counts: total,
          faults: `${outages.length} × ${database.lastKill} of FerretDB, ${profile.databaseOutageMs / 1000} s each`,
          maxLatencyDuringFaultsMs: Math.max(
            ...outages.map((outage) => tally(overlapping(outage)).maxLatencyMs),
          ),
          writesVerified: `${writes.verified}, ${writes.problems.length} missing`,
          converged: `503 ≤ ${Math.max(...outages.map(timeTo503))} ms; recovered ≤ ${maxRecoveryMs} ms; RongCloud ${convergeMs} ms`,
        });

        expect(service.isRunning(), 'the service process survived').toBe(true);
        const unexpected = samples.filter((s) => !isSuccess(s) && !isCleanOutageAnswer(s));
        expect(unexpected.slice(0, 5), `${unexpected.length} answers other than 2xx or a clean 503`).toEqual(
          [],
        );
        for (const outage of outages) {
          expect(
            overlapping(outage).filter((s) => s.outcome === 503).length,
            'the outage was felt',
          ).toBeGreaterThan(0);
          expect(timeTo503(outage)).toBeLessThanOrEqual(MAX_TIME_TO_503_MS);
          expect(outage.recoveredAt - outage.upAt).toBeLessThanOrEqual(MAX_RECOVERY_MS);
          expect(outage.health.outcome, '/healthz while the database is down').toBe(200);
          expect([outage.readiness.outcome, outage.readiness.code], '/readyz').toEqual([
            503,
            'service_unavailable',
          ]);
        }
        expect(ready.status).toBe(200);
        expect(writes.problems).toEqual([]);
        expect(writes.verified).toBeGreaterThan(0);
      },
      profile.testTimeoutMs,
    );
  });
}
