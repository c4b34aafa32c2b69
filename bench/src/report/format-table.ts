// The results as a text table (stdout) and as Markdown (bench/results/latest.md, pasted into docs/performance.md).
import { findRun, labelOf, ratio, round, TARGET_LABELS } from './figures.ts';
import type { BenchResults, RunRecord } from './results.ts';

const COLUMNS = [
  'endpoint',
  'conn',
  'target',
  's',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  '×(a)',
  '×(b)',
  '×REST',
  'node CPU ms/req',
  'db CPU ms/req',
  'note',
];

function rowsOf(results: BenchResults): string[][] {
  return results.runs.map((run) => {
    const find = (target: RunRecord['target']) =>
      findRun(results.runs, run.endpoint, target, run.connections);
    const isService = run.target === 'rest' || run.target === 'trpc';
    const show = (value: number | null) => (value === null ? '' : `${round(value, 2)}`);
    const notes = [
      !run.startedQuiet && 'started busy',
      run.afterReset && 'after reset',
      run.result.poolExhausted && 'pool reused',
      run.result.ok < Math.max(50, 5 * run.connections) && 'few samples',
    ].filter(Boolean);
    const codes = Object.entries(run.result.statusCodes)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ');
    return [
      labelOf(run.endpoint),
      String(run.connections),
      TARGET_LABELS[run.target],
      String(round(run.result.durationSeconds)),
      String(round(run.result.requestsPerSecond)),
      String(round(run.result.latencyMs.p50)),
      String(round(run.result.latencyMs.p99)),
      run.result.errors > 0 ? `${run.result.errors} (${codes})` : '0',
      isService ? show(ratio(run, find('expressMongoose'))) : '',
      isService ? show(ratio(run, find('nodeDriver'))) : '',
      run.target === 'trpc' ? show(ratio(run, find('rest'))) : '',
      run.targetCpuMsPerRequest === null ? '' : String(round(run.targetCpuMsPerRequest, 2)),
      run.databaseCpuMsPerRequest === null ? '' : String(round(run.databaseCpuMsPerRequest, 1)),
      notes.join(', '),
    ];
  });
}

export function formatTextTable(results: BenchResults): string {
  const rows = [COLUMNS, ...rowsOf(results)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [
    line(rows[0]!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function formatMarkdown(results: BenchResults): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const table = [
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...rowsOf(results).map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
  const machine = results.machine;
  const rss = results.rss;
  return [
    `Run of ${results.date} (${results.mode}, ${Math.round(results.durationSeconds)} s) on ${machine.cpuModel}, ` +
      `${machine.cores} cores, ${machine.memoryMb} MiB, ${machine.os}, Node ${machine.node}; database: ` +
      `${results.database.kind}; ${results.resets} stack resets.`,
    '',
    table,
    '',
    `Service RSS: ${rss.beforeMb} MiB before, ${rss.peakBeforeSoakMb} MiB peak during the matrix, ` +
      `${rss.peakMb} MiB peak overall, ${rss.soakStartMb} → ${rss.soakEndMb} MiB over the soak, ` +
      `${rss.afterSoakMb} MiB after it.`,
    '',
    '| target | pass | detail |',
    '| --- | --- | --- |',
    ...results.targets.map(
      (check) => `| ${check.target} | ${check.pass ? 'yes' : 'no'} | ${escapeCell(check.detail)} |`,
    ),
    '',
  ].join('\n');
}
