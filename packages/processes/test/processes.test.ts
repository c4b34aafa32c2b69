// The helpers against real sockets and real child processes: what they promise is about the operating system.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canConnect, findFreePort, stopProcess } from '../src/index.ts';

describe('findFreePort and canConnect', () => {
  it('gives a port that can be listened on, and tells whether something listens', async () => {
    const port = await findFreePort();
    expect(await canConnect(port)).toBe(false);
    const server = createServer();
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    expect(await canConnect(port)).toBe(true);
    server.close();
    await once(server, 'close');
    expect(await canConnect(port)).toBe(false);
  });
});

describe('stopProcess', () => {
  it('stops a child with SIGTERM', async () => {
    const child = await startNode('');
    await stopProcess(child);
    expect(child.signalCode).toBe('SIGTERM');
  });

  it('sends SIGKILL to a child that ignores the signal, once its grace is over', async () => {
    const child = await startNode("process.on('SIGTERM', () => {});");
    const startedAt = Date.now();
    await stopProcess(child, { graceMs: 300 });
    expect(child.signalCode).toBe('SIGKILL');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('resolves at once for a child that has exited already', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await once(child, 'exit');
    await stopProcess(child);
    expect(child.exitCode).toBe(0);
  });
});

/** An idle `node -e` child, once it has run `setup` (so its signal handlers are in place). */
async function startNode(setup: string): Promise<ChildProcess> {
  const script = `${setup} console.log('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}
