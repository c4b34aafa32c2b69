// Everything one running emulator shares between its request handlers.
import type { InMemoryState } from './emulator-state.ts';
import type { FaultStore } from './fault-store.ts';
import type { ResolvedOptions } from './options.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { ReplayGuard } from './replay-guard.ts';

export interface EmulatorContext {
  options: ResolvedOptions;
  state: InMemoryState;
  faults: FaultStore;
  rateLimiter: RateLimiter;
  replayGuard: ReplayGuard;
  /** Aborted on close so injected latency does not hold the server open. */
  closing: AbortSignal;
}

/** Clears data, counters, faults, rate-limit windows and remembered nonces. */
export function resetContext(context: EmulatorContext): void {
  context.state.clear();
  context.faults.clear();
  context.rateLimiter.clear();
  context.replayGuard.clear();
}
