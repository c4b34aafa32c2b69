// Messages between the orchestrator and the load worker (a child process, so autocannon never shares an event loop
// with anything it measures).
import type { EndpointName, Transport } from './endpoints.ts';
import type { Fixtures } from './fixtures.ts';

export interface RunRequest {
  baseUrl: string;
  /** One endpoint, or the soak's rotation over every read endpoint on both transports. */
  endpoint: EndpointName | 'readMix';
  transport: Transport;
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  sent: number;
  /** Responses with the endpoint's success status. */
  ok: number;
  /** Responses with any other status, socket errors and timeouts. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  durationSeconds: number;
  /** A write pool ran out and entries were reused (the figures then include repeats). */
  poolExhausted: boolean;
}

export type ToWorker =
  | { type: 'fixtures'; fixtures: Fixtures }
  | { type: 'run'; id: number; run: RunRequest };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: LoadResult }
  | { type: 'failed'; id: number; message: string };
