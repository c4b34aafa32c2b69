// The issue's first targets, checked against the figures (reported, never asserted by a test).

import type { EndpointName } from '../load/endpoints.ts';
import { ENDPOINTS } from '../load/endpoints.ts';
import type { TargetName } from '../processes/stack.ts';
import { findRun, labelOf, ratio, round } from './figures.ts';
import type { BenchResults, RunRecord, TargetCheck } from './results.ts';

export function evaluateTargets(
  results: Omit<BenchResults, 'targets'>,
  concurrencies: number[],
): TargetCheck[] {
  const { runs } = results;
  const reads = ENDPOINTS.filter((endpoint) => endpoint.kind === 'read');
  const ratioCheck = (
    name: string,
    pairs: Array<{ what: string; value: number | null }>,
    minimum: number,
  ): TargetCheck => {
    const failing = pairs.filter((pair) => pair.value === null || pair.value < minimum);
    const worst = pairs.reduce<number | null>(
      (low, pair) => (pair.value === null ? low : low === null ? pair.value : Math.min(low, pair.value)),
      null,
    );
    return {
      target: name,
      pass: failing.length === 0,
      detail:
        failing.length === 0
          ? `lowest ${worst === null ? 'n/a' : round(worst, 2)}`
          : `below: ${failing.map((pair) => `${pair.what} ${pair.value === null ? 'n/a' : round(pair.value, 2)}`).join(', ')}`,
    };
  };
  const restVsA = reads.flatMap((endpoint) =>
    concurrencies.map((connections) => ({
      what: `${labelOf(endpoint.name)} @${connections}`,
      value: ratio(
        findRun(runs, endpoint.name, 'rest', connections),
        findRun(runs, endpoint.name, 'expressMongoose', connections),
      ),
    })),
  );
  const trpcVsRest = ENDPOINTS.filter((endpoint) => endpoint.procedure).flatMap((endpoint) =>
    concurrencies.map((connections) => ({
      what: `${labelOf(endpoint.name)} @${connections}`,
      value: ratio(
        findRun(runs, endpoint.name, 'trpc', connections),
        findRun(runs, endpoint.name, 'rest', connections),
      ),
    })),
  );
  const serviceRuns = runs.filter((run) => run.target === 'rest' || run.target === 'trpc');
  const errors =
    serviceRuns.reduce((sum, run) => sum + run.result.errors, 0) + (results.soak?.result.errors ?? 0);
  const top = Math.max(...concurrencies);
  const slowReads = serviceRuns.filter(
    (run) =>
      run.connections === top &&
      reads.some((endpoint) => endpoint.name === run.endpoint) &&
      !(run.result.latencyMs.p99 <= 50 && run.result.ok > 0),
  );
  const { rss } = results;
  const writes = ENDPOINTS.filter((endpoint) => endpoint.kind === 'write');
  // Per-request figures are taken at 16 connections where the runs exist (enough samples, no queueing collapse).
  const middle = concurrencies.includes(16) ? 16 : concurrencies[0]!;
  const at = (endpoint: EndpointName, target: TargetName) => findRun(runs, endpoint, target, middle);
  const maximumCheck = (
    name: string,
    pairs: Array<{ what: string; value: number | null | undefined }>,
    maximum: number,
  ): TargetCheck => {
    const failing = pairs.filter((pair) => pair.value == null || pair.value > maximum);
    const shown = (value: number | null | undefined) => (value == null ? 'n/a' : String(round(value, 2)));
    return {
      target: name,
      pass: failing.length === 0,
      detail:
        failing.length === 0
          ? pairs.map((pair) => `${pair.what} ${shown(pair.value)}`).join(', ')
          : `above: ${failing.map((pair) => `${pair.what} ${shown(pair.value)}`).join(', ')}`,
    };
  };
  const overServices = (
    value: (run: RunRecord | undefined) => number | null | undefined,
    connections = middle,
  ) =>
    writes.flatMap((endpoint) =>
      (['rest', 'trpc'] as const)
        .filter((target) => target === 'rest' || endpoint.procedure)
        .map((target) => ({
          what: `${labelOf(endpoint.name)} ${target}`,
          value: value(findRun(runs, endpoint.name, target, connections)),
        })),
    );
  const cpuVsA = ['retrieve', 'token', 'myGroups'].flatMap((name) =>
    (['rest', 'trpc'] as const).map((target) => {
      const service = at(name as EndpointName, target)?.targetCpuMsPerRequest;
      const baseline = at(name as EndpointName, 'expressMongoose')?.targetCpuMsPerRequest;
      return {
        what: `${labelOf(name as EndpointName)} ${target}`,
        value: service && baseline ? service / baseline : null,
      };
    }),
  );
  /** Commands and CPU of one run over another's, per transport. */
  const perRequestRatios = (
    pick: (target: 'rest' | 'trpc') => [RunRecord | undefined, RunRecord | undefined],
  ) =>
    (['rest', 'trpc'] as const).flatMap((target) => {
      const [over, under] = pick(target);
      const quotient = (value: (run: RunRecord) => number | null | undefined) => {
        const [a, b] = [over && value(over), under && value(under)];
        return a && b ? a / b : null;
      };
      return [
        { what: `commands ${target}`, value: quotient((run) => run.databaseCommands?.total) },
        { what: `CPU ${target}`, value: quotient((run) => run.targetCpuMsPerRequest) },
      ];
    });
  const membersVsRetrieve = perRequestRatios((target) => [at('members', target), at('retrieve', target)]);
  // At one connection: under contention one group's joins queue behind its hold, which is another question.
  const lowest = Math.min(...concurrencies);
  const largeVsSmallJoin = perRequestRatios((target) => [
    findRun(runs, 'joinLargeGroup', target, lowest),
    findRun(runs, 'joinByCode', target, lowest),
  ]);
  return [
    maximumCheck('members page ≤ 2× a retrieve (commands, CPU)', membersVsRetrieve, 2),
    maximumCheck(
      `join into the large group ≤ 1.3× a join into a small one (@${lowest})`,
      largeVsSmallJoin,
      1.3,
    ),
    maximumCheck(
      `writes ≤ 6 database commands per request (@${Math.min(...concurrencies)})`,
      // At one connection, as the command table: no request abandoned in flight, no retry under contention.
      overServices((run) => run?.databaseCommands?.total, Math.min(...concurrencies)),
      6,
    ),
    maximumCheck(
      `service CPU per write ≤ 3 ms (@${middle})`,
      overServices((run) => run?.targetCpuMsPerRequest),
      3,
    ),
    maximumCheck(`read CPU per request ≤ 1.25× baseline (a) (@${middle})`, cpuVsA, 1.25),
    ratioCheck('REST reads ≥ 0.8× baseline (a)', restVsA, 0.8),
    ratioCheck('tRPC ≥ 0.8× REST', trpcVsRest, 0.8),
    {
      target: 'no errors',
      pass: errors === 0,
      detail: `${errors} errors over the service's runs and the soak`,
    },
    {
      target: `read p99 at ${top} connections ≤ 50 ms`,
      pass: slowReads.length === 0,
      detail:
        slowReads.length === 0
          ? 'all reads within'
          : slowReads
              .map(
                (run) =>
                  `${labelOf(run.endpoint)} ${run.target} ${run.result.ok > 0 ? `${round(run.result.latencyMs.p99)} ms` : 'none completed'}`,
              )
              .join(', '),
    },
    { target: 'RSS ≤ 250 MB at peak', pass: rss.peakMb <= 250, detail: `peak ${rss.peakMb} MiB` },
    {
      target: 'RSS after the soak within 10% of the peak before it',
      pass: rss.afterSoakMb <= rss.peakBeforeSoakMb * 1.1,
      detail: `${rss.afterSoakMb} MiB after the soak vs ${rss.peakBeforeSoakMb} MiB peak before it`,
    },
  ];
}
