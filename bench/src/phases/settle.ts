// Before a run: wait for the machine to go idle. Requests the load generator abandoned when the previous run ended
// are still being served (neither the service nor the database drops a request whose client went away); where they
// keep the machine busy, the stack may be restarted, when the time budget allows, so the next run measures itself.
import type { Stack } from '../processes/stack.ts';
import { waitForQuiet } from '../processes/wait-for-quiet.ts';

export interface Budget {
  deadline: number;
  /** Seconds still needed for the planned work after this point. */
  plannedSeconds(): number;
}

export interface Settled {
  quiet: boolean;
  afterReset: boolean;
}

const ESTIMATED_RESET_SECONDS = 5;

export async function settle(
  stack: Stack,
  maxDrainSeconds: number,
  reset: { allowed: false } | { allowed: true; budget: Budget; log(line: string): void },
): Promise<Settled> {
  const first = await waitForQuiet(stack.pids, maxDrainSeconds);
  if (first.quiet || !reset.allowed) return { quiet: first.quiet, afterReset: false };
  const secondsLeft = (reset.budget.deadline - Date.now()) / 1000;
  if (secondsLeft - reset.budget.plannedSeconds() < ESTIMATED_RESET_SECONDS) {
    reset.log('still busy, no time left to reset: the next run starts busy');
    return { quiet: false, afterReset: false };
  }
  const started = Date.now();
  await stack.reset();
  const second = await waitForQuiet(stack.pids, maxDrainSeconds);
  reset.log(`still busy: stack reset in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { quiet: second.quiet, afterReset: true };
}
