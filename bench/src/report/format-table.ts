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
  'db cmds/req',
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
      run.databaseCommands ? String(round(run.databaseCommands.total, 1)) : '',
      notes.join(', '),
    ];
  });
}

/**
 * Which commands one request sends, per endpoint and target, from its run at one connection: the fewest requests
 * in flight when a run ends (a request still running then is counted in part), and no retries under contention.
 * The service's own background work (the reconciler's poll every 2 s) is in the figures too.
 */
export function commandRows(results: BenchResults): string[][] {
  const lowest = Math.min(...results.runs.map((run) => run.connections));
  const best = new Map<string, RunRecord>();
  for (const run of results.runs) {
    if (run.databaseCommands && run.connections === lowest) best.set(`${run.endpoint}|${run.target}`, run);
  }
  return [...best.values()].map((run) => [
    labelOf(run.endpoint),
    TARGET_LABELS[run.target],
    String(round(run.databaseCommands!.total, 2)),
    Object.entries(run.databaseCommands!.byCommand)
      .filter(([, perRequest]) => perRequest >= 0.05)
      .map(([label, perRequest]) => `${label} ×${round(perRequest, 2)}`)
      .join(', '),
  ]);
}

const COMMAND_COLUMNS = ['endpoint', 'target', 'commands/req', 'which (per request)'];

export function formatTextTable(results: BenchResults): string {
  return [
    textTable([COLUMNS, ...rowsOf(results)]),
    '',
    textTable([COMMAND_COLUMNS, ...commandRows(results)]),
  ].join('\n');
}

function textTable(rows: string[][]): string {
  const columns = rows[0]!;
  const widths = columns.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [
    line(rows[0]!),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}

export function formatMarkdown(results: BenchResults): string {
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const markdownTable = (columns: string[], rows: string[][]) =>
    [
      `| ${columns.join(' | ')} |`,
      `| ${columns.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    ].join('\n');
  const table = markdownTable(COLUMNS, rowsOf(results));
  const machine = results.machine;
  const rss = results.rss;
  return [
    `Run of ${results.date} (${results.mode}, ${Math.round(results.durationSeconds)} s) on ${machine.cpuModel}, ` +
      `${machine.cores} cores, ${machine.memoryMb} MiB, ${machine.os}, Node ${machine.node}; database: ` +
      `${results.database.kind}; ${results.resets} stack resets.`,
    '',
    table,
    '',
    'Database commands per request (driver command monitoring; the run with the most answers):',
    '',
    markdownTable(COMMAND_COLUMNS, commandRows(results)),
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
