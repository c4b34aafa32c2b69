// How hard the resilience suite pushes: a fast subset inside `npm test`, the full run with RESILIENCE_FULL=1.

export interface ResilienceProfile {
  name: 'fast' | 'full';
  /** Concurrent load workers; each owns one group owner and some guests, so its writes never race its own. */
  workers: number;
  guestsPerWorker: number;
  /** No request of the load may take longer than this: beyond it, it counts as hung. */
  requestTimeoutMs: number;
  /** Bound on the requests one worker sends in a whole scenario. */
  maxRequestsPerWorker: number;
  /** Load before the first fault, and after each recovery. */
  steadyMs: number;
  databaseOutages: number;
  databaseOutageMs: number;
  /** How long each RongCloud fault lasts under load. */
  rongCloudFaultMs: number;
  /**
   * No request may take longer while RongCloud fails: the mirror's deadline (0.5 s) plus the service's own work,
   * which the heavier load of the full run slows down on a small machine.
   */
  maxLatencyUnderRongCloudFaultsMs: number;
  /** Load before SIGTERM, and workers sending then (more, so that writes are in flight). */
  sigtermLoadMs: number;
  sigtermWorkers: number;
  /** Per test. */
  testTimeoutMs: number;
}

const FAST: ResilienceProfile = {
  name: 'fast',
  workers: 6,
  guestsPerWorker: 2,
  requestTimeoutMs: 15_000,
  maxRequestsPerWorker: 2_000,
  steadyMs: 1_000,
  databaseOutages: 1,
  databaseOutageMs: 4_500,
  rongCloudFaultMs: 1_200,
  maxLatencyUnderRongCloudFaultsMs: 3_000,
  sigtermLoadMs: 3_000,
  sigtermWorkers: 8,
  testTimeoutMs: 45_000,
};

const FULL: ResilienceProfile = {
  name: 'full',
  workers: 16,
  guestsPerWorker: 4,
  requestTimeoutMs: 15_000,
  maxRequestsPerWorker: 20_000,
  steadyMs: 4_000,
  databaseOutages: 3,
  databaseOutageMs: 8_000,
  rongCloudFaultMs: 6_000,
  maxLatencyUnderRongCloudFaultsMs: 6_000,
  sigtermLoadMs: 8_000,
  sigtermWorkers: 24,
  testTimeoutMs: 180_000,
};

export const profile: ResilienceProfile = process.env.RESILIENCE_FULL === '1' ? FULL : FAST;
