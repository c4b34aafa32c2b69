// Starts the service from the environment and stops it gracefully on SIGINT or SIGTERM.
import { pino } from 'pino';
import { EnvError, loadEnv } from './env.ts';
import { buildService } from './service.ts';

async function main() {
  const env = loadEnv();
  const logger = pino({
    level: env.LOG_LEVEL,
    redact: ['*.authorization', '*.password', '*.token', '*.appSecret', '*.secretAccessKey'],
  });
  const service = await buildService({ env, logger });
  const origin = await service.listen(env.PORT, env.HOST);
  const publicOrigin = env.PUBLIC_BASE_URL ?? origin;
  console.log(`API    ${publicOrigin}/api/\nDocs   ${publicOrigin}/docs\ntRPC   ${publicOrigin}/trpc`);
  if (service.emulator) console.log(`RongCloud emulator (no credentials configured) ${service.emulator.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
