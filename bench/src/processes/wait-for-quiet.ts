// Waits until the processes under test are idle again after a run: requests the load generator abandoned at the
// end of a run are still being served (by the service and the database) and would otherwise be measured as part of
// the next run. Only our processes count, so other work on a shared machine does not keep us waiting.
import { countRunnableThreads, readCpuSeconds } from './proc-stats.ts';

export interface QuietOutcome {
  quiet: boolean;
  waitedSeconds: number;
}

const WINDOW_MS = 250;

/**
 * Quiet = the processes together use under `maxCores` of CPU over one 250 ms window, and none of their threads is
 * waiting for a core at its end: on a machine others load too, a process with work left may get little CPU, and
 * its low share alone would pass for idle.
 */
export async function waitForQuiet(
  pids: () => number[],
  maxSeconds: number,
  maxCores = 0.1,
): Promise<QuietOutcome> {
  const started = performance.now();
  const total = () => pids().reduce((sum, pid) => sum + readCpuSeconds(pid), 0);
  let previous = total();
  while ((performance.now() - started) / 1000 < maxSeconds) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const current = total();
    const cores = (current - previous) / (WINDOW_MS / 1000);
    previous = current;
    if (cores < maxCores && countRunnableThreads(pids()) === 0)
      return { quiet: true, waitedSeconds: (performance.now() - started) / 1000 };
  }
  return { quiet: false, waitedSeconds: (performance.now() - started) / 1000 };
}
