// The embedded S3 server: a real S3 endpoint that goes away with whoever started it, however that one ends.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { canConnect, findFreePort } from '@groupchat/processes';
import { afterAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../src/index.ts';
import { versitygwBinaryPath } from '../versitygw-binary.mjs';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-server-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe('startS3Server', () => {
  it('serves S3 with its own credentials, refuses others, and is gone after stop', async () => {
    const server = await startS3Server({ dataDir: dataDir() });
    const client = (secretAccessKey: string) =>
      new S3Client({
        endpoint: server.endpoint,
        region: server.region,
        forcePathStyle: true,
        credentials: { accessKeyId: server.accessKeyId, secretAccessKey },
      });
    const s3 = client(server.secretAccessKey);
    await s3.send(new CreateBucketCommand({ Bucket: 'media' }));
    await s3.send(new PutObjectCommand({ Bucket: 'media', Key: 'a/b.txt', Body: 'hello' }));
    const object = await s3.send(new GetObjectCommand({ Bucket: 'media', Key: 'a/b.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello');
    await expect(
      client('wrong-secret').send(new GetObjectCommand({ Bucket: 'media', Key: 'a/b.txt' })),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });

    await server.stop();
    expect(await canConnect(server.port)).toBe(false);
    expect(alive(server.pid)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('stops within seconds of its parent being SIGKILLed', async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'parent.ts'), dataDir()],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const { port, gatewayPid } = JSON.parse(line.toString()) as { port: number; gatewayPid: number };
    expect(await canConnect(port)).toBe(true);
    expect(alive(gatewayPid)).toBe(true);

    parent.kill('SIGKILL');
    await once(parent, 'exit');
    const gone = await waitUntil(() => !alive(gatewayPid), 5_000);
    if (!gone) process.kill(gatewayPid, 'SIGKILL');
    expect(gone, 'versitygw stopped with its parent').toBe(true);
    expect(await canConnect(port)).toBe(false);
  });

  // The parent may die between spawning versitygw and versitygw's first look: it then already has another parent.
  it.runIf(process.platform === 'linux')(
    'stops at once when the parent it was given is not its parent',
    async () => {
      const objects = dataDir();
      const port = await findFreePort();
      const child = spawn(versitygwBinaryPath(), [`--port=127.0.0.1:${port}`, '--quiet', 'posix', objects], {
        stdio: 'ignore',
        env: {
          ...process.env,
          ROOT_ACCESS_KEY_ID: 'orphan',
          ROOT_SECRET_ACCESS_KEY: 'orphan-secret',
          GROUPCHAT_VERSITYGW_PARENT_PID: String(process.ppid),
        },
      });
      const stopped = await Promise.race([
        once(child, 'exit').then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      if (!stopped) child.kill('SIGKILL');
      expect(stopped, 'versitygw stopped by itself').toBe(true);
    },
  );
});
