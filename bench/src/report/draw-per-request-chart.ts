// Draws what one request costs, one panel per endpoint: database commands per request (from the one-connection
// runs) and the target process's CPU milliseconds per request (at 16 connections, or the lowest concurrency run),
// a bar per target. A hand-written SVG like the throughput chart.
import { ENDPOINTS } from '../load/endpoints.ts';
import { findRun, TARGET_LABELS, TARGET_ORDER } from './figures.ts';
import type { BenchResults, RunRecord } from './results.ts';

const COLORS = { rest: '#1f77b4', trpc: '#d62728', expressMongoose: '#2ca02c', nodeDriver: '#7f7f7f' };
const PANEL = { width: 300, height: 150, left: 110, right: 40, top: 26, rowHeight: 12 };
const COLUMNS = 4;

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

interface Measure {
  label: string;
  value: (run: RunRecord | undefined) => number | null | undefined;
}

export function drawPerRequestChart(results: BenchResults, concurrencies: number[]): string {
  const lowest = Math.min(...concurrencies);
  const cpuAt = concurrencies.includes(16) ? 16 : lowest;
  const measures: Measure[] = [
    { label: 'db commands', value: (run) => run?.databaseCommands?.total },
    { label: `CPU ms (@${cpuAt})`, value: (run) => run?.targetCpuMsPerRequest },
  ];
  const rows = Math.ceil(ENDPOINTS.length / COLUMNS);
  const width = COLUMNS * PANEL.width;
  const height = rows * PANEL.height + 60;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      'font-family="Helvetica, Arial, sans-serif" font-size="10">',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="12" y="20" font-size="15" font-weight="bold">${escapeXml(
      `Per request: database commands (@${lowest}) and the target's CPU ms (@${cpuAt}) — ${results.date.slice(0, 10)}`,
    )}</text>`,
  ];
  TARGET_ORDER.forEach((target, index) => {
    const x = 12 + index * 260;
    parts.push(
      `<rect x="${x}" y="31" width="16" height="9" fill="${COLORS[target]}"/>`,
      `<text x="${x + 22}" y="40">${escapeXml(TARGET_LABELS[target])}</text>`,
    );
  });
  ENDPOINTS.forEach((endpoint, index) => {
    const originX = (index % COLUMNS) * PANEL.width;
    const originY = 50 + Math.floor(index / COLUMNS) * PANEL.height;
    const plotWidth = PANEL.width - PANEL.left - PANEL.right;
    parts.push(
      `<text x="${originX + 12}" y="${originY + 16}" font-weight="bold">${escapeXml(endpoint.label)}</text>`,
    );
    measures.forEach((measure, measureIndex) => {
      const connections = measureIndex === 0 ? lowest : cpuAt;
      const values = TARGET_ORDER.map((target) => ({
        target,
        value: measure.value(findRun(results.runs, endpoint.name, target, connections)),
      })).filter(
        (entry): entry is { target: typeof entry.target; value: number } => typeof entry.value === 'number',
      );
      const top = Math.max(1e-9, ...values.map((entry) => entry.value));
      const groupY = originY + PANEL.top + measureIndex * (TARGET_ORDER.length * PANEL.rowHeight + 10);
      parts.push(`<text x="${originX + 12}" y="${groupY + 10}">${escapeXml(measure.label)}</text>`);
      values.forEach((entry, row) => {
        const y = groupY + row * PANEL.rowHeight;
        const barWidth = (entry.value / top) * plotWidth;
        parts.push(
          `<rect x="${originX + PANEL.left}" y="${y + 1}" width="${barWidth.toFixed(1)}" height="${PANEL.rowHeight - 3}" fill="${COLORS[entry.target]}"/>`,
          `<text x="${(originX + PANEL.left + barWidth + 3).toFixed(1)}" y="${y + PANEL.rowHeight - 3}">${
            Math.round(entry.value * 100) / 100
          }</text>`,
        );
      });
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
