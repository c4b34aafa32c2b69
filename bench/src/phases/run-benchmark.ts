// The whole benchmark: prepare, the load matrix, the soak, the figures and the files.
import { rmSync } from 'node:fs';
import type { BenchConfig } from '../config.ts';
import { startLoadClient } from '../load/load-client.ts';
import { smokeCheck } from '../load/smoke-check.ts';
import { checkTrpcWireFormat } from '../load/wire-check.ts';
import { readMemory } from '../processes/proc-stats.ts';
import { startRssSampler } from '../processes/rss-sampler.ts';
import { waitForQuiet } from '../processes/wait-for-quiet.ts';
import { evaluateTargets } from '../report/evaluate-targets.ts';
import { round } from '../report/figures.ts';
import { describeMachine } from '../report/machine-info.ts';
import type { BenchResults } from '../report/results.ts';
import { prepare } from './prepare.ts';
import { matrixSeconds, planMatrix, runMatrix } from './run-matrix.ts';
import { runSoak } from './run-soak.ts';

export interface BenchmarkOptions {
  repoRoot: string;
  config: BenchConfig;
  mode: 'full' | 'quick';
  externalMongoUri?: string;
  baseEnv: Record<string, string | undefined>;
  /** Wall-clock seconds the benchmark may take; resets between runs stop when it gets short. */
  budgetSeconds: number;
  progress(line: string): void;
}

export async function runBenchmark(options: BenchmarkOptions): Promise<BenchResults> {
  const started = Date.now();
  const deadline = started + options.budgetSeconds * 1000;
  const { config, progress } = options;
  const load = config.load;
  const machine = describeMachine(options.repoRoot);
  const trpcWireChecked = await checkTrpcWireFormat();
  progress(`tRPC wire format checked against the typed client: ${trpcWireChecked.join(', ')}`);
  const prepared = await prepare({ ...options, withBaselines: true });
  const { stack, fixtures } = prepared;
  const loader = await startLoadClient(fixtures);
  const sampler = startRssSampler(() => stack.service().pid);
  try {
    const smoke = await smokeCheck(
      stack.urlOf('rest'),
      [stack.urlOf('expressMongoose'), stack.urlOf('nodeDriver')],
      fixtures,
    );
    for (const outcome of smoke) {
      progress(
        `${outcome.endpoint}: one request ${outcome.serviceMs ?? '—'} ms; same answer from both baselines: ` +
          (outcome.identical ? 'yes' : outcome.note),
      );
    }
    await waitForQuiet(stack.pids, load.maxDrainSeconds);
    const beforeMb = round(readMemory(stack.service().pid)?.rssMb ?? 0);

    const steps = planMatrix(true);
    const afterMatrixSeconds = load.soakSeconds + 2 * load.maxDrainSeconds + 10;
    progress(
      `load matrix: ${steps.length} endpoint × target pairs × ${load.concurrencies.join('/')} connections`,
    );
    progress(`planned: ${Math.round(matrixSeconds(steps, load) + afterMatrixSeconds)} s of load`);
    const runs = await runMatrix(steps, stack, loader, load, { deadline, afterMatrixSeconds }, progress);
    const resetsInMatrix = stack.resets;
    const peakBeforeSoakMb = round(sampler.peakMb());

    progress(`soak: ${load.soakConnections} connections for ${load.soakSeconds} s over every read endpoint`);
    const soakBudget = { deadline, plannedSeconds: () => load.soakSeconds };
    const soak = await runSoak(stack, loader, load, sampler, soakBudget, progress);
    progress(
      `soak: ${soak.result.requestsPerSecond.toFixed(1)} req/s, p99 ${soak.result.latencyMs.p99} ms, ` +
        `errors ${soak.result.errors}; RSS ${soak.startMb} → ${soak.endMb} MiB, ${soak.afterMb} MiB after`,
    );

    const partial: Omit<BenchResults, 'targets'> = {
      date: new Date(started).toISOString(),
      durationSeconds: (Date.now() - started) / 1000,
      mode: options.mode,
      machine,
      database: { kind: stack.databaseKind, uri: redact(prepared.databaseUri) },
      config,
      dataset: {
        counts: prepared.seed.counts,
        seedSeconds: round(prepared.seed.seconds),
        joinPool: fixtures.joinPairs.length,
        largeJoinPool: fixtures.largeJoinPairs.length,
        quitPool: fixtures.quitPairs.length,
        kickPool: fixtures.kickTriples.length,
      },
      queryPlans: prepared.queryPlans,
      smoke,
      trpcWireChecked,
      runs,
      soak: { connections: load.soakConnections, seconds: load.soakSeconds, result: soak.result },
      rss: {
        beforeMb,
        peakBeforeSoakMb,
        peakMb: round(sampler.peakMb()),
        soakStartMb: soak.startMb,
        soakEndMb: soak.endMb,
        afterSoakMb: soak.afterMb,
        soakSeries: soak.series,
        spansResets: resetsInMatrix > 0,
      },
      resets: stack.resets,
      notes: [
        'Write endpoints (create, join by code, quit) have no baseline: the baselines would have to repeat the ' +
          "service's RongCloud mirroring to be comparable.",
        'Figures count only responses with the success status; p50/p99 are over completed requests only.',
      ],
    };
    return { ...partial, targets: evaluateTargets(partial, load.concurrencies) };
  } finally {
    sampler.stop();
    loader.close();
    await stack.kill();
    await prepared.emulator.close();
    rmSync(prepared.dataDir, { recursive: true, force: true });
  }
}

function redact(uri: string): string {
  const url = new URL(uri);
  if (url.password) url.password = '***';
  return url.toString();
}
