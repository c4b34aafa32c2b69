// Spawns a TypeScript server as its own Node process (tsx as a loader, so the pid is the server itself, not a
// wrapper) and waits until a readiness URL answers 200. Used for the service and for both baselines.
import { type ChildProcess, spawn } from 'node:child_process';
import { stopProcess } from '@groupchat/processes';

export interface NodeServer {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** The server's last lines of output, for error messages. */
  output(): string;
  /** Graceful: SIGTERM, so the service finishes in-flight requests (and writes its --cpu-prof file). */
  stop(): Promise<void>;
  /** Immediate: SIGKILL, dropping whatever it was still serving. */
  kill(): Promise<void>;
}

export interface StartOptions {
  name: string;
  entry: string;
  cwd: string;
  args?: string[];
  env: Record<string, string | undefined>;
  url: string;
  readyPath: string;
  /** Extra Node flags, e.g. --cpu-prof for a profiling run. */
  nodeFlags?: string[];
  timeoutMs?: number;
}

export async function startNodeServer(options: StartOptions): Promise<NodeServer> {
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])],
    { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);
  const server: NodeServer = {
    name: options.name,
    url: options.url,
    pid: child.pid!,
    child,
    output: () => output,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopProcess(child, { graceMs: 15_000 });
    },
    kill: async () => {
      process.removeListener('exit', stopOnExit);
      await stopProcess(child, { signal: 'SIGKILL' });
    },
  };
  try {
    await waitForReady(server, options.readyPath, options.timeoutMs ?? 60_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function waitForReady(server: NodeServer, path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`${server.name} exited with ${server.child.exitCode}:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.name} was not ready within ${timeoutMs} ms:\n${server.output()}`);
}
