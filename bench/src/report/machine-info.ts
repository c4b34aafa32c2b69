// The machine and software the figures come from, for the JSON and the documentation.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';

const PACKAGES = [
  'express',
  'mongoose',
  'mongodb',
  '@trpc/server',
  '@trpc/client',
  'trpc-to-openapi',
  'zod',
  'helmet',
  'pino-http',
  'multer',
  'sharp',
  'autocannon',
  'tsx',
];

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryMb: number;
  os: string;
  node: string;
  ferretdb: string;
  packages: Record<string, string>;
  /** 1-minute load average when the benchmark started: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

export function describeMachine(repoRoot: string): MachineInfo {
  const versionOf = (name: string) => {
    for (const dir of [join(repoRoot, 'bench/node_modules', name), join(repoRoot, 'node_modules', name)]) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    }
    return 'missing';
  };
  const ferretdb = JSON.parse(readFileSync(join(repoRoot, 'packages/db/ferretdb.json'), 'utf8')) as {
    version: string;
  };
  return {
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryMb: Math.round(totalmem() / 1024 / 1024),
    os: `${type()} ${release()}`,
    node: process.version,
    ferretdb: ferretdb.version,
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
    loadAverageAtStart: Math.round(loadavg()[0]! * 100) / 100,
  };
}
