// Runs the real service as a child process (`node --import tsx src/index.ts`), as production runs it, so that
// signals, exits and crashes are the process's own. Every child is remembered and killed by `killServices`.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface ServiceProcess {
  url: string;
  /** Its DATA_DIR (the embedded database's files live under it when no MONGODB_URI is given). */
  dataDir: string;
  child: ChildProcess;
  /** Settles when the process has exited. */
  exited: Promise<ServiceExit>;
  isRunning(): boolean;
}

const children: ChildProcess[] = [];
const dataDirs: string[] = [];

/** Settings every scenario shares; `env` adds the database, RongCloud and any override. */
export const SHARED_ENV = {
  RONGCLOUD_ID_PREFIX: 'T',
  RECONCILER_INTERVAL_MS: '150',
  RECONCILER_GRACE_MS: '300',
  RONGCLOUD_BACKOFF_BASE_MS: '200',
  RONGCLOUD_BACKOFF_MAX_MS: '1000',
  RONGCLOUD_LEASE_TTL_MS: '3000',
  RONGCLOUD_REQUEST_DEADLINE_MS: '500',
  // The slow fault applies calls 1.5 s after receiving them, a second after our deadline gave up on them.
  RONGCLOUD_LATE_APPLY_MS: '2000',
  GROUP_CREATES_PER_HOUR: '100000',
  PULL_INS_PER_HOUR: '100000',
  CODE_FAILURES_PER_HOUR: '100000',
};

/** Points the service at an emulator started by the test. */
export function rongCloudEnv(emulatorUrl: string, appKey: string, appSecret: string): Record<string, string> {
  return { RONGCLOUD_APP_KEY: appKey, RONGCLOUD_APP_SECRET: appSecret, RONGCLOUD_API_URL: emulatorUrl };
}

export async function startService(
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<ServiceProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'resilience-service-'));
  dataDirs.push(dataDir);
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'src/index.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      PASSWORD_HASH_COST: '10',
      ...SHARED_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API\s+(http:\/\/\S+?)\/api\//.exec(output);
      if (match) resolve(match[1]!);
    });
    void exited.then((exit) =>
      reject(new Error(`service exited with ${exit.code ?? exit.signal}: ${output}`)),
    );
  });
  return {
    url,
    dataDir,
    child,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
  };
}

export function killServices(): void {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
