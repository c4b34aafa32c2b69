// Writes bench/results: latest.json (every figure), latest.md (the table for docs/performance.md), throughput.svg
// and per-request.svg (commands and CPU per request).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawThroughputChart } from '../report/draw-chart.ts';
import { drawPerRequestChart } from '../report/draw-per-request-chart.ts';
import { formatMarkdown } from '../report/format-table.ts';
import type { BenchResults } from '../report/results.ts';

/** Written beside the target and renamed, so an interrupted run never leaves half a file. */
function writeAtomically(path: string, content: string) {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

export function writeResults(dir: string, results: BenchResults, concurrencies: number[]): string[] {
  mkdirSync(dir, { recursive: true });
  const files = {
    json: join(dir, 'latest.json'),
    markdown: join(dir, 'latest.md'),
    chart: join(dir, 'throughput.svg'),
    perRequest: join(dir, 'per-request.svg'),
  };
  writeAtomically(files.json, `${JSON.stringify(results, null, 2)}\n`);
  writeAtomically(files.markdown, formatMarkdown(results));
  writeAtomically(files.chart, drawThroughputChart(results, concurrencies));
  writeAtomically(files.perRequest, drawPerRequestChart(results, concurrencies));
  return Object.values(files);
}
