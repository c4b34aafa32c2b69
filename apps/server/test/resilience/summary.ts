// Counts samples by outcome over a window of time and prints scenario tables (markdown, so a full run's figures
// can be copied into docs/reliability.md as they are).
import type { Sample } from './http-call.ts';

export interface Tally {
  requests: number;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  /** Ended without an HTTP answer: refused, closed, or timed out. */
  unanswered: number;
  writesAcknowledged: number;
  maxLatencyMs: number;
  p50LatencyMs: number;
}

/** Samples of requests started in [from, to). */
export function tally(samples: readonly Sample[], from = 0, to = Number.POSITIVE_INFINITY): Tally {
  const window = samples.filter((sample) => sample.startedAt >= from && sample.startedAt < to);
  const latencies = window.map((sample) => sample.endedAt - sample.startedAt).sort((a, b) => a - b);
  const status = (test: (code: number) => boolean) =>
    window.filter((sample) => typeof sample.outcome === 'number' && test(sample.outcome)).length;
  return {
    requests: window.length,
    ok: status((code) => code < 300),
    clientErrors: status((code) => code >= 400 && code < 500),
    serverErrors: status((code) => code >= 500),
    unanswered: window.filter((sample) => typeof sample.outcome !== 'number').length,
    writesAcknowledged: window.filter(
      (sample) => sample.write && typeof sample.outcome === 'number' && sample.outcome < 300,
    ).length,
    maxLatencyMs: latencies.at(-1) ?? 0,
    p50LatencyMs: latencies[Math.floor(latencies.length / 2)] ?? 0,
  };
}

export type Row = Record<string, string | number>;

export function tallyColumns(counts: Tally): Row {
  return {
    requests: counts.requests,
    '2xx': counts.ok,
    '4xx': counts.clientErrors,
    '5xx': counts.serverErrors,
    'no answer': counts.unanswered,
    'p50 ms': counts.p50LatencyMs,
    'max ms': counts.maxLatencyMs,
  };
}

export function printTable(title: string, rows: Row[]): void {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: Row, column: string) => String(row[column] ?? '—');
  const widths = columns.map((column) =>
    Math.max(column.length, ...rows.map((row) => cell(row, column).length)),
  );
  const line = (cells: string[]) => `| ${cells.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(
    [
      `\n${title}`,
      line(columns),
      line(widths.map((width) => '-'.repeat(width))),
      ...rows.map((row) => line(columns.map((column) => cell(row, column)))),
    ].join('\n'),
  );
}

/** One line per scenario in the suite's closing summary. */
export interface Headline {
  scenario: string;
  counts: Tally;
  faults: string;
  /** The longest request that overlapped a fault. */
  maxLatencyDuringFaultsMs: number;
  writesVerified: string;
  converged: string;
}

export function headlineRow(headline: Headline): Row {
  return {
    scenario: headline.scenario,
    requests: headline.counts.requests,
    '2xx': headline.counts.ok,
    '4xx': headline.counts.clientErrors,
    '5xx': headline.counts.serverErrors,
    'no answer': headline.counts.unanswered,
    'faults injected': headline.faults,
    'max ms during faults': headline.maxLatencyDuringFaultsMs,
    'writes 2xx': headline.counts.writesAcknowledged,
    'writes verified': headline.writesVerified,
    'time to converge': headline.converged,
  };
}
