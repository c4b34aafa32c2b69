// Stops a child process for sure: politely first, then by force, so no caller is left waiting on a hung child.
import type { ChildProcess } from 'node:child_process';

/** Sends `signal`, then SIGKILL if the process is still there after `graceMs`; resolves once it has exited. */
export function stopProcess(
  child: ChildProcess,
  { signal = 'SIGTERM', graceMs = 5_000 }: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill(signal);
  });
}
