// The load matrix: every endpoint × target (REST, tRPC, the two baselines where they serve it) × concurrency.
import type { LoadConfig } from '../config.ts';
import { ENDPOINTS, type EndpointDefinition } from '../load/endpoints.ts';
import type { LoadClient } from '../load/load-client.ts';
import { commandsPerRequest, readCommandCounts } from '../processes/command-counts.ts';
import { readCpuSeconds, readMemory } from '../processes/proc-stats.ts';
import type { Stack, TargetName } from '../processes/stack.ts';
import { round } from '../report/figures.ts';
import type { RunRecord } from '../report/results.ts';
import { type Budget, settle } from './settle.ts';

export interface MatrixStep {
  endpoint: EndpointDefinition;
  target: TargetName;
}

export function planMatrix(
  withBaselines: boolean,
  only?: (endpoint: EndpointDefinition) => boolean,
): MatrixStep[] {
  return ENDPOINTS.filter((endpoint) => !only || only(endpoint)).flatMap((endpoint) => {
    const targets: TargetName[] = ['rest'];
    if (endpoint.procedure) targets.push('trpc');
    if (withBaselines && endpoint.inBaselines) targets.push('expressMongoose', 'nodeDriver');
    return targets.map((target) => ({ endpoint, target }));
  });
}

/** Wall-clock seconds the steps take when every drain waits its longest (autocannon adds ~0.3 s a run). */
export function matrixSeconds(steps: MatrixStep[], load: LoadConfig): number {
  const run = (seconds: number) => seconds + 0.3 + load.maxDrainSeconds;
  return steps.length * (run(load.warmupSeconds) + load.concurrencies.length * run(load.runSeconds));
}

export async function runMatrix(
  steps: MatrixStep[],
  stack: Stack,
  loader: LoadClient,
  load: LoadConfig,
  budget: { deadline: number; afterMatrixSeconds: number },
  progress: (line: string) => void,
): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  let remainingSteps = steps.length;
  let remainingRuns = steps.length * load.concurrencies.length;
  // Runs shorten (never below a second) when resets or a slow start left too little time for the planned length.
  const affordableSeconds = () => {
    const secondsLeft = (budget.deadline - Date.now()) / 1000 - budget.afterMatrixSeconds;
    const warmups = (remainingSteps - 1) * (load.warmupSeconds + 0.3 + load.maxDrainSeconds);
    const perRun = (secondsLeft - warmups) / Math.max(1, remainingRuns) - 0.3 - load.maxDrainSeconds;
    return Math.max(1, Math.min(load.runSeconds, Math.floor(perRun * 10) / 10));
  };
  const stepBudget: Budget = {
    deadline: budget.deadline,
    plannedSeconds: () =>
      matrixSeconds(steps.slice(steps.length - remainingSteps), load) + budget.afterMatrixSeconds,
  };
  for (const { endpoint, target } of steps) {
    const transport = target === 'trpc' ? 'trpc' : 'rest';
    const runOnce = (connections: number, durationSeconds: number) =>
      loader.run({
        baseUrl: stack.urlOf(target),
        endpoint: endpoint.name,
        transport,
        connections,
        durationSeconds,
        timeoutSeconds: load.timeoutSeconds,
      });
    // A new endpoint or target: nothing left over from the last one may run into it.
    const boundary = await settle(stack, load.maxDrainSeconds, {
      allowed: true,
      budget: stepBudget,
      log: (line) => progress(`${endpoint.name} ${target}: ${line}`),
    });
    if (load.warmupSeconds > 0) await runOnce(1, load.warmupSeconds);
    let first = true;
    for (const connections of load.concurrencies) {
      const drained = await settle(stack, load.maxDrainSeconds, { allowed: false });
      const settled = { quiet: drained.quiet, afterReset: first && boundary.afterReset };
      first = false;
      const targetPid = stack.pidOf(target);
      const dbPid = stack.dbPid();
      const commandsBefore = await readCommandCounts(target, stack.urlOf(target));
      const cpuBefore = [readCpuSeconds(targetPid), dbPid ? readCpuSeconds(dbPid) : 0];
      const result = await runOnce(connections, affordableSeconds());
      remainingRuns--;
      const cpuAfter = [readCpuSeconds(targetPid), dbPid ? readCpuSeconds(dbPid) : 0];
      // Read after the CPU, so the reading's own cost is not counted; requests still in flight may add a few.
      const commandsAfter = await readCommandCounts(target, stack.urlOf(target));
      const answered = result.ok + result.errors;
      // Over a handful of requests, background work (timers, heartbeats, GC) would dominate the figure.
      const enough = result.ok >= Math.max(50, 5 * connections);
      const perRequest = (index: number) =>
        enough ? ((cpuAfter[index]! - cpuBefore[index]!) * 1000) / result.ok : null;
      records.push({
        endpoint: endpoint.name,
        target,
        connections,
        result,
        cpuSeconds: {
          target: round(cpuAfter[0]! - cpuBefore[0]!, 2),
          database: dbPid ? round(cpuAfter[1]! - cpuBefore[1]!, 2) : null,
        },
        targetCpuMsPerRequest: perRequest(0),
        databaseCommands: answered > 0 ? commandsPerRequest(commandsBefore, commandsAfter, answered) : null,
        databaseCpuMsPerRequest: dbPid ? perRequest(1) : null,
        startedQuiet: settled.quiet,
        afterReset: settled.afterReset,
        serviceRssMb: round(readMemory(stack.service().pid)?.rssMb ?? 0, 1),
      });
      progress(
        `${endpoint.name.padEnd(12)} ${target.padEnd(16)} c=${String(connections).padEnd(3)} ` +
          `${result.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${result.latencyMs.p50} ms  ` +
          `p99 ${result.latencyMs.p99} ms  errors ${result.errors}${settled.quiet ? '' : '  (started busy)'}` +
          `${settled.afterReset ? '  (after reset)' : ''}`,
      );
    }
    remainingSteps--;
  }
  return records;
}
