// Lookups over the run records shared by the table, the target checks and the chart.
import { ENDPOINTS, type EndpointName } from '../load/endpoints.ts';
import type { TargetName } from '../processes/stack.ts';
import type { RunRecord } from './results.ts';

export const TARGET_LABELS: Record<TargetName, string> = {
  rest: 'REST',
  trpc: 'tRPC',
  expressMongoose: 'baseline (a) Express+mongoose',
  nodeDriver: 'baseline (b) node:http+driver',
};

export const TARGET_ORDER: TargetName[] = ['rest', 'trpc', 'expressMongoose', 'nodeDriver'];

export function findRun(
  runs: RunRecord[],
  endpoint: EndpointName,
  target: TargetName,
  connections: number,
): RunRecord | undefined {
  return runs.find(
    (run) => run.endpoint === endpoint && run.target === target && run.connections === connections,
  );
}

/** a / b, or null when either is missing or b is zero. */
export function ratio(a: RunRecord | undefined, b: RunRecord | undefined): number | null {
  if (!a || !b || b.result.requestsPerSecond === 0) return null;
  return a.result.requestsPerSecond / b.result.requestsPerSecond;
}

export const labelOf = (endpoint: EndpointName) =>
  ENDPOINTS.find((definition) => definition.name === endpoint)?.label ?? endpoint;

export const round = (value: number, digits = 1) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
