// One profiling run: the service under --cpu-prof serves the REST read (or write) endpoints, then where its CPU time
// went is summarised into bench/results/profile.json (profile-writes.json; the raw .cpuprofile stays beside it,
// ignored by git).
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchConfig } from '../config.ts';
import { startLoadClient } from '../load/load-client.ts';
import { type ProfileSummary, summarizeProfile } from '../report/summarize-profile.ts';
import { prepare } from './prepare.ts';
import { planMatrix } from './run-matrix.ts';

export interface ProfileOptions {
  repoRoot: string;
  config: BenchConfig;
  externalMongoUri?: string;
  baseEnv: Record<string, string | undefined>;
  resultsDir: string;
  secondsPerEndpoint: number;
  connections: number;
  /** Which endpoints to profile: the reads (the default) or the writes. */
  kind: 'read' | 'write';
  progress(line: string): void;
}

export async function runProfile(options: ProfileOptions): Promise<ProfileSummary> {
  const profileDir = join(options.resultsDir, 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const prepared = await prepare({
    ...options,
    withBaselines: false,
    serviceNodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    // The service as deployed: command monitoring decodes every reply twice, a cost production does not pay.
    countCommands: false,
  });
  const loader = await startLoadClient(prepared.fixtures);
  const perEndpoint: Record<string, number> = {};
  try {
    const steps = planMatrix(false, (candidate) => candidate.kind === options.kind).filter(
      (step) => step.target === 'rest',
    );
    for (const { endpoint } of steps) {
      const result = await loader.run({
        baseUrl: prepared.stack.urlOf('rest'),
        endpoint: endpoint.name,
        transport: 'rest',
        connections: options.connections,
        durationSeconds: options.secondsPerEndpoint,
        timeoutSeconds: options.config.load.timeoutSeconds,
      });
      perEndpoint[endpoint.name] = result.ok;
      options.progress(`profiled ${endpoint.name}: ${result.requestsPerSecond.toFixed(1)} req/s`);
    }
  } finally {
    loader.close();
    // A graceful stop: the service exits through process.exit, which is when Node writes the profile.
    await prepared.stack.stop();
    await prepared.emulator.close();
    rmSync(prepared.dataDir, { recursive: true, force: true });
  }
  // tsx's loader runs in a worker thread that writes its own, smaller profile: the main thread's is the largest.
  const file = readdirSync(profileDir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(profileDir, b)).size - statSync(join(profileDir, a)).size)[0];
  if (!file) throw new Error(`the service wrote no profile into ${profileDir}`);
  const summary = summarizeProfile(join(profileDir, file));
  writeFileSync(
    join(options.resultsDir, options.kind === 'read' ? 'profile.json' : 'profile-writes.json'),
    `${JSON.stringify({ date: new Date().toISOString(), connections: options.connections, secondsPerEndpoint: options.secondsPerEndpoint, requests: perEndpoint, database: prepared.stack.databaseKind, ...summary }, null, 2)}\n`,
  );
  return summary;
}
