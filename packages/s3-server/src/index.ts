// Starts an S3-compatible server of our own, as packages/db starts FerretDB: versitygw (Apache-2.0) on its posix
// backend, built by scripts/setup.mjs. For tests and development; production points MEDIA_STORE=s3 at a real one.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, startServerProcess } from '@groupchat/processes';
import { versitygwBinaryPath, versitygwPin } from '../versitygw-binary.mjs';

export interface S3ServerOptions {
  /** Objects go under `<dataDir>/objects`, their metadata under `<dataDir>/meta`. */
  dataDir: string;
  /** Listen on this port (to restart on the same address); a free one when unset. */
  port?: number;
  /** Root credentials; fresh random ones when unset, so nothing secret is ever written down. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export interface RunningS3Server {
  /** e.g. http://127.0.0.1:7070; path-style addressing (`S3_FORCE_PATH_STYLE=true`). */
  endpoint: string;
  port: number;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pid: number;
  stop(): Promise<void>;
}

const REGION = 'us-east-1';

export async function startS3Server(options: S3ServerOptions): Promise<RunningS3Server> {
  const binary = versitygwBinaryPath();
  if (!existsSync(binary)) {
    throw new Error(
      `versitygw ${versitygwPin.version} is not built at ${binary}: run \`npm run setup\` (needs Go)`,
    );
  }
  const objects = join(options.dataDir, 'objects');
  const meta = join(options.dataDir, 'meta');
  mkdirSync(objects, { recursive: true });
  mkdirSync(meta, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const accessKeyId = options.accessKeyId ?? `gc${randomBytes(9).toString('hex')}`;
  const secretAccessKey = options.secretAccessKey ?? randomBytes(24).toString('base64url');
  const server = await startServerProcess({
    name: 'versitygw',
    binary,
    port,
    args: [
      `--port=127.0.0.1:${port}`,
      `--region=${REGION}`,
      '--quiet',
      'posix',
      // Metadata in files beside the objects instead of extended attributes, which tmpfs and some container
      // filesystems refuse.
      `--sidecar=${meta}`,
      objects,
    ],
    // The credentials travel in the environment, not on a command line every local user can read in /proc.
    env: {
      // biome-ignore lint/style/noProcessEnv: the child inherits our environment, as spawn does by default
      ...process.env,
      ROOT_ACCESS_KEY_ID: accessKeyId,
      ROOT_SECRET_ACCESS_KEY: secretAccessKey,
      // Our build stops once this process is no longer its parent, however we die (decision 0009).
      GROUPCHAT_VERSITYGW_PARENT_PID: String(process.pid),
    },
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    region: REGION,
    accessKeyId,
    secretAccessKey,
    pid: server.child.pid!,
    stop: server.stop,
  };
}
