// CLI entry of `npm run bench`: runs the benchmark (or, with --profile, one profiling run) and writes bench/results.
// Flags: --quick (small dataset, short runs), --profile (the read endpoints; with --writes the write endpoints). BENCH_MONGODB_URI: a MongoDB to use instead of the
// embedded database (its `groupchat_bench` database is overwritten).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FULL_CONFIG, QUICK_CONFIG } from './config.ts';
import { runBenchmark } from './phases/run-benchmark.ts';
import { runProfile } from './phases/run-profile.ts';
import { writeResults } from './phases/write-results.ts';
import { formatTextTable } from './report/format-table.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const flags = new Set(process.argv.slice(2));
const quick = flags.has('--quick');
// A --quick run only tries the harness: its figures go to a temporary directory, never over the committed ones.
const resultsDir = quick
  ? mkdtempSync(join(tmpdir(), 'groupchat-bench-quick-'))
  : fileURLToPath(new URL('../results', import.meta.url));
const config = quick ? QUICK_CONFIG : FULL_CONFIG;
// The only reader of the environment in this package (the repository's rule for CLI entries).
const environment = process.env;
const baseEnv = { PATH: environment.PATH, HOME: environment.HOME, TMPDIR: environment.TMPDIR };
const started = Date.now();
const progress = (line: string) => {
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
};

if (flags.has('--profile')) {
  const summary = await runProfile({
    repoRoot,
    config,
    externalMongoUri: environment.BENCH_MONGODB_URI,
    baseEnv,
    resultsDir,
    secondsPerEndpoint: quick ? 3 : 15,
    connections: 16,
    kind: flags.has('--writes') ? 'write' : 'read',
    progress,
  });
  console.log(
    `CPU profile of the REST ${flags.has('--writes') ? 'write' : 'read'} path: ${summary.totalMs} ms sampled, ${summary.busyMs} ms busy`,
  );
  for (const area of summary.byArea.slice(0, 15)) console.log(`  ${area.percent}%\t${area.area}`);
  console.log('Top self time (share of busy time):');
  for (const entry of summary.topFunctions) console.log(`  ${entry.percent}%\t${entry.name}\t${entry.where}`);
} else {
  const results = await runBenchmark({
    repoRoot,
    config,
    mode: quick ? 'quick' : 'full',
    externalMongoUri: environment.BENCH_MONGODB_URI,
    baseEnv,
    // npm run bench must finish within 10 minutes including setup, start-up and the soak's fixed two minutes.
    budgetSeconds: quick ? 240 : 900,
    progress,
  });
  console.log(formatTextTable(results));
  console.log();
  for (const check of results.targets)
    console.log(`${check.pass ? 'PASS' : 'FAIL'}  ${check.target}: ${check.detail}`);
  const files = writeResults(resultsDir, results, config.load.concurrencies);
  console.log(`\nwrote ${files.join(', ')} in ${Math.round(results.durationSeconds)} s`);
}
