// Starts the real service in production mode against the benchmark's database and RongCloud emulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '@groupchat/processes';
import { type NodeServer, startNodeServer } from './start-node-server.ts';

export interface ServiceOptions {
  repoRoot: string;
  mongodbUri: string;
  rongCloud: { appKey: string; appSecret: string; url: string };
  dataDir: string;
  /** Variables the service needs from the caller's environment (PATH, HOME). */
  baseEnv: Record<string, string | undefined>;
  nodeFlags?: string[];
  countCommands: boolean;
}

// The Node flags `npm start` gives the service (the heap limit), so the benchmark runs it as it is deployed. The
// start script takes them from config.nodeFlags too, so the two cannot differ.
function serviceNodeFlags(repoRoot: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'apps/server/package.json'), 'utf8')) as {
    config: { nodeFlags: string };
  };
  return manifest.config.nodeFlags.split(' ').filter(Boolean);
}

export async function startService(options: ServiceOptions): Promise<NodeServer> {
  const port = await findFreePort();
  return startNodeServer({
    name: 'service',
    entry: join(options.repoRoot, 'apps/server/src/index.ts'),
    cwd: options.repoRoot,
    env: {
      ...options.baseEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: options.mongodbUri,
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      PASSWORD_HASH_COST: '10',
      // The load makes each creator create hundreds of groups in minutes: per-user abuse limits would measure 429s.
      GROUP_CREATES_PER_HOUR: '1000000',
      PULL_INS_PER_HOUR: '1000000',
      CODE_FAILURES_PER_HOUR: '1000000',
      // The emulator's rate limits are lifted, and so is the service's pace of in-chat notices (10 a second by
      // default, RongCloud's share): at that pace every write would wait for its notice's turn, and the figures would
      // measure the pace, not the service.
      RONGCLOUD_MESSAGES_PER_SECOND: '1000',
      // Commands per request, read from /metrics; the baselines monitor theirs the same way.
      DB_COMMAND_METRICS: String(options.countCommands),
      RONGCLOUD_APP_KEY: options.rongCloud.appKey,
      RONGCLOUD_APP_SECRET: options.rongCloud.appSecret,
      RONGCLOUD_API_URL: options.rongCloud.url,
    },
    url: `http://127.0.0.1:${port}`,
    readyPath: '/readyz',
    nodeFlags: [...serviceNodeFlags(options.repoRoot), ...(options.nodeFlags ?? [])],
  });
}
