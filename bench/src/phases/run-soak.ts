// The soak: the read endpoints of both transports in rotation at 64 connections for about two minutes, watching
// whether the service's memory settles or keeps growing.
import type { LoadConfig } from '../config.ts';
import type { LoadClient } from '../load/load-client.ts';
import type { LoadResult } from '../load/load-protocol.ts';
import { readMemory } from '../processes/proc-stats.ts';
import type { RssSampler } from '../processes/rss-sampler.ts';
import type { Stack } from '../processes/stack.ts';
import { waitForQuiet } from '../processes/wait-for-quiet.ts';
import { type Budget, settle } from './settle.ts';

export interface SoakOutcome {
  result: LoadResult;
  startMb: number;
  endMb: number;
  afterMb: number;
  series: Array<[number, number]>;
}

const rssOf = (stack: Stack) => Math.round((readMemory(stack.service().pid)?.rssMb ?? 0) * 10) / 10;

export async function runSoak(
  stack: Stack,
  loader: LoadClient,
  load: LoadConfig,
  sampler: RssSampler,
  budget: Budget,
  progress: (line: string) => void,
): Promise<SoakOutcome> {
  await settle(stack, load.maxDrainSeconds, {
    allowed: true,
    budget,
    log: (line) => progress(`soak: ${line}`),
  });
  const startMb = rssOf(stack);
  sampler.takeSeries();
  const result = await loader.run({
    baseUrl: stack.urlOf('rest'),
    endpoint: 'readMix',
    transport: 'rest',
    connections: load.soakConnections,
    durationSeconds: load.soakSeconds,
    timeoutSeconds: load.timeoutSeconds,
  });
  const endMb = rssOf(stack);
  const series = sampler.takeSeries().filter((_, index) => index % 4 === 0);
  await waitForQuiet(stack.pids, load.maxDrainSeconds * 2);
  return { result, startMb, endMb, afterMb: rssOf(stack), series };
}
