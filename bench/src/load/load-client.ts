// The orchestrator's side of the load worker: forks it, hands it the fixtures, and runs one load at a time.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Fixtures } from './fixtures.ts';
import type { FromWorker, LoadResult, RunRequest, ToWorker } from './load-protocol.ts';

export interface LoadClient {
  pid: number;
  run(request: RunRequest): Promise<LoadResult>;
  close(): void;
}

export async function startLoadClient(fixtures: Fixtures): Promise<LoadClient> {
  const worker: ChildProcess = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(result: LoadResult): void; reject(error: Error): void }>();
  let ready: (() => void) | undefined;
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'ready') return ready?.();
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'result') waiter?.resolve(message.result);
    else waiter?.reject(new Error(`load worker: ${message.message}`));
  });
  worker.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`load worker exited with ${code}`));
    pending.clear();
  });
  await new Promise<void>((resolve) => {
    ready = resolve;
    worker.send({ type: 'fixtures', fixtures } satisfies ToWorker);
  });
  let nextId = 0;
  return {
    pid: worker.pid!,
    run: (request) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.send({ type: 'run', id, run: request } satisfies ToWorker);
      }),
    close: () => worker.disconnect(),
  };
}
