// Starts a server binary of our own (FerretDB, versitygw) as a child: stopped when this process exits normally
// (our builds' parent watch covers every other death), ready once its port accepts connections.
import { type ChildProcess, spawn } from 'node:child_process';
import { canConnect } from './ports.ts';
import { stopProcess } from './stop-process.ts';

export interface ServerProcessOptions {
  /** Names the server in errors. */
  name: string;
  binary: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** The loopback port it was told to listen on. */
  port: number;
}

export interface ServerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

const READY_WITHIN_MS = 15_000;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(options.binary, options.args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: options.env,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stopChild = () => child.kill('SIGTERM');
  process.once('exit', stopChild);
  try {
    await waitForPort(options, child, () => stderr);
  } catch (error) {
    process.removeListener('exit', stopChild);
    child.kill('SIGKILL');
    throw error;
  }
  return {
    child,
    stop: async () => {
      process.removeListener('exit', stopChild);
      await stopProcess(child);
    },
  };
}

async function waitForPort(
  { name, port }: ServerProcessOptions,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr()}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} did not listen on port ${port} within ${READY_WITHIN_MS / 1000} s: ${stderr()}`);
}
