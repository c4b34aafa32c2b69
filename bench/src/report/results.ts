// The shape of bench/results/latest.json: every figure of one run of the benchmark.
import type { QueryPlanReport } from '../dataset/query-plans.ts';
import type { EndpointName } from '../load/endpoints.ts';
import type { LoadResult } from '../load/load-protocol.ts';
import type { TargetName } from '../processes/stack.ts';
import type { MachineInfo } from './machine-info.ts';

export interface RunRecord {
  endpoint: EndpointName;
  target: TargetName;
  connections: number;
  result: LoadResult;
  /** CPU seconds the target process and the embedded database (null when external) used during the run. */
  cpuSeconds: { target: number; database: number | null };
  /** CPU milliseconds the target process spent per successful request (its Node-side cost, whatever the DB). */
  targetCpuMsPerRequest: number | null;
  /**
   * Database commands the target sent per answered request during the run (from the driver's command monitoring),
   * in all and by `command collection`; null when nothing was answered.
   */
  databaseCommands: { total: number; byCommand: Record<string, number> } | null;
  /** Same for the embedded database process; null on an external database. */
  databaseCpuMsPerRequest: number | null;
  /** The machine was idle when the run began (no work left over from the previous one). */
  startedQuiet: boolean;
  /** The stack was restarted just before this run to drop abandoned work. */
  afterReset: boolean;
  /** The service's resident memory at the end of the run, whichever target was loaded. */
  serviceRssMb: number;
}

interface RssFigures {
  /** After start-up and a first request to each endpoint, before any load. */
  beforeMb: number;
  /** Highest RSS during the load matrix (before the soak). */
  peakBeforeSoakMb: number;
  /** Highest RSS over the whole benchmark. */
  peakMb: number;
  soakStartMb: number;
  soakEndMb: number;
  /** After the soak, once the machine is idle again. */
  afterSoakMb: number;
  soakSeries: Array<[seconds: number, rssMb: number]>;
  /** Set when a stack reset replaced the service process during the matrix (peak spans processes). */
  spansResets: boolean;
}

export interface TargetCheck {
  target: string;
  pass: boolean;
  detail: string;
}

export interface BenchResults {
  date: string;
  durationSeconds: number;
  mode: 'full' | 'quick';
  machine: MachineInfo;
  database: { kind: string; uri: string };
  config: unknown;
  dataset: {
    counts: Record<string, number>;
    seedSeconds: number;
    joinPool: number;
    largeJoinPool: number;
    quitPool: number;
    kickPool: number;
  };
  queryPlans: QueryPlanReport[];
  smoke: Array<{ endpoint: string; identical: boolean; serviceMs: number | null; note: string }>;
  trpcWireChecked: string[];
  runs: RunRecord[];
  soak: { connections: number; seconds: number; result: LoadResult } | null;
  rss: RssFigures;
  resets: number;
  targets: TargetCheck[];
  notes: string[];
}
