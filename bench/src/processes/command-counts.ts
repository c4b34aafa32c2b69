// The database commands a target has sent so far, by `command collection` label: the service's from its /metrics
// (DB_COMMAND_METRICS), a baseline's from its /_bench/commands. Both come from the driver's command monitoring.
import type { TargetName } from './stack.ts';

export type CommandCounts = Record<string, number>;

export async function readCommandCounts(target: TargetName, url: string): Promise<CommandCounts> {
  if (target === 'expressMongoose' || target === 'nodeDriver') {
    const res = await fetch(`${url}/_bench/commands`);
    return (await res.json()) as CommandCounts;
  }
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: CommandCounts = {};
  for (const match of text.matchAll(/^db_commands_total\{command="([^"]*)",collection="([^"]*)"\} (\d+)/gm)) {
    const label = match[2] ? `${match[1]} ${match[2]}` : match[1]!;
    counts[label] = (counts[label] ?? 0) + Number(match[3]);
  }
  return counts;
}

/** What was sent between two readings, per request, labels sorted by how often; empty labels left out. */
export function commandsPerRequest(
  before: CommandCounts,
  after: CommandCounts,
  requests: number,
): { total: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const [label, count] of Object.entries(after)) {
    const sent = count - (before[label] ?? 0);
    if (sent <= 0) continue;
    byCommand[label] = sent / requests;
    total += sent;
  }
  const sorted = Object.fromEntries(Object.entries(byCommand).sort((a, b) => b[1] - a[1]));
  return { total: total / requests, byCommand: sorted };
}
