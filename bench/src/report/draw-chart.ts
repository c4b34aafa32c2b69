// Draws throughput by concurrency, one panel per endpoint, REST, tRPC and both baselines as lines: a hand-written
// SVG, so the chart needs no plotting library and diffs as text.
import { ENDPOINTS } from '../load/endpoints.ts';
import { findRun, TARGET_LABELS, TARGET_ORDER } from './figures.ts';
import type { BenchResults } from './results.ts';

const COLORS = { rest: '#1f77b4', trpc: '#d62728', expressMongoose: '#2ca02c', nodeDriver: '#7f7f7f' };
const PANEL = { width: 300, height: 210, left: 52, right: 12, top: 30, bottom: 34 };
const COLUMNS = 4;

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A round axis maximum at or above `value`: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

export function drawThroughputChart(results: BenchResults, concurrencies: number[]): string {
  const rows = Math.ceil(ENDPOINTS.length / COLUMNS);
  const width = COLUMNS * PANEL.width;
  const height = rows * PANEL.height + 70;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      'font-family="Helvetica, Arial, sans-serif" font-size="11">',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="bold">${escapeXml(
      `Throughput (successful req/s) by connections — ${results.date.slice(0, 10)}, ` +
        `${results.machine.cores} cores, ${results.database.kind}`,
    )}</text>`,
  ];
  TARGET_ORDER.forEach((target, index) => {
    const x = 12 + index * 260;
    parts.push(
      `<line x1="${x}" y1="38" x2="${x + 22}" y2="38" stroke="${COLORS[target]}" stroke-width="2.5"/>`,
      `<text x="${x + 28}" y="42">${escapeXml(TARGET_LABELS[target])}</text>`,
    );
  });
  ENDPOINTS.forEach((endpoint, index) => {
    const originX = (index % COLUMNS) * PANEL.width;
    const originY = 56 + Math.floor(index / COLUMNS) * PANEL.height;
    const plotWidth = PANEL.width - PANEL.left - PANEL.right;
    const plotHeight = PANEL.height - PANEL.top - PANEL.bottom;
    const values = TARGET_ORDER.flatMap((target) =>
      concurrencies.map((connections) => findRun(results.runs, endpoint.name, target, connections)?.result),
    ).filter((result) => result !== undefined);
    const top = niceMax(Math.max(0, ...values.map((result) => result.requestsPerSecond)));
    const xOf = (position: number) =>
      originX +
      PANEL.left +
      (concurrencies.length === 1 ? plotWidth / 2 : (position * plotWidth) / (concurrencies.length - 1));
    const yOf = (value: number) => originY + PANEL.top + plotHeight - (value / top) * plotHeight;
    parts.push(
      `<text x="${originX + PANEL.left}" y="${originY + 18}" font-weight="bold">${escapeXml(endpoint.label)}</text>`,
      `<rect x="${originX + PANEL.left}" y="${originY + PANEL.top}" width="${plotWidth}" height="${plotHeight}" ` +
        'fill="none" stroke="#ccc"/>',
    );
    for (const fraction of [0, 0.5, 1]) {
      const y = yOf(top * fraction);
      parts.push(
        `<line x1="${originX + PANEL.left}" y1="${y}" x2="${originX + PANEL.left + plotWidth}" y2="${y}" stroke="#eee"/>`,
        `<text x="${originX + PANEL.left - 4}" y="${y + 4}" text-anchor="end">${formatCount(top * fraction)}</text>`,
      );
    }
    concurrencies.forEach((connections, position) => {
      parts.push(
        `<text x="${xOf(position)}" y="${originY + PANEL.top + plotHeight + 14}" text-anchor="middle">${connections}</text>`,
      );
    });
    parts.push(
      `<text x="${originX + PANEL.left + plotWidth / 2}" y="${originY + PANEL.height - 6}" text-anchor="middle" ` +
        'fill="#666">connections</text>',
    );
    for (const target of TARGET_ORDER) {
      const points = concurrencies.flatMap((connections, position) => {
        const run = findRun(results.runs, endpoint.name, target, connections);
        return run ? [[xOf(position), yOf(run.result.requestsPerSecond)] as const] : [];
      });
      if (points.length === 0) continue;
      parts.push(
        `<polyline fill="none" stroke="${COLORS[target]}" stroke-width="2" points="${points
          .map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`)
          .join(' ')}"/>`,
        ...points.map(
          ([x, y]) => `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3" fill="${COLORS[target]}"/>`,
        ),
      );
    }
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function formatCount(value: number): string {
  if (value >= 1000) return `${Math.round(value / 100) / 10}k`;
  return value >= 10 || value === 0 ? String(Math.round(value)) : value.toFixed(1);
}
