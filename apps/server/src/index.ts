// Starts the service: configuration, database (embedded unless MONGODB_URI), HTTP server, graceful shutdown.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CoreDeps, createLocalMediaStore, startReconciler } from '@groupchat/core';
import { connectDatabase } from '@groupchat/db';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '@groupchat/db/embedded';
import { pino } from 'pino';
import { createApp, createMetrics, hardenServer } from './app.ts';
import { EnvError, loadEnv } from './env.ts';
import { connectRongCloud } from './rongcloud.ts';
import { settingsFrom } from './settings.ts';

async function main() {
  const env = loadEnv();
  const logger = pino({
    level: env.LOG_LEVEL,
    redact: ['*.authorization', '*.password', '*.token', '*.appSecret'],
  });
  let embedded: EmbeddedDatabase | undefined;
  let uri = env.MONGODB_URI;
  if (!uri) {
    embedded = await startEmbeddedDatabase({ dataDir: resolve(env.DATA_DIR) });
    uri = `${embedded.uri}/groupchat`;
    logger.info({ kind: embedded.kind, dataDir: resolve(env.DATA_DIR) }, 'embedded database started');
  }
  const db = await connectDatabase(uri);
  const metrics = createMetrics();
  const rongCloud = await connectRongCloud(env, {
    logger: logger.child({ component: 'rongcloud' }),
    fetch: metrics.countingFetch(),
  });
  const settings = settingsFrom(env);
  mkdirSync(settings.app.mediaDir, { recursive: true });
  const deps: CoreDeps = {
    db,
    media: createLocalMediaStore(settings.app.mediaDir),
    rongcloud: rongCloud.deps,
    settings: settings.core,
  };
  const { app, startDraining } = createApp({ deps, settings: settings.app, logger, metrics });
  const reconcilerLog = logger.child({ component: 'reconciler' });
  const reconciler = startReconciler(deps, settings.reconciler, (outcome) => {
    if (outcome instanceof Error) reconcilerLog.warn({ err: outcome }, 'reconciler pass failed');
    else if (outcome.repaired + outcome.failed > 0) reconcilerLog.info(outcome, 'reconciler pass');
  });
  const server = app.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const origin = env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${port}`;
    console.log(`API    ${origin}/api/\nDocs   ${origin}/docs\ntRPC   ${origin}/trpc`);
    if (rongCloud.emulator)
      console.log(`RongCloud emulator (no credentials configured) ${rongCloud.emulator.url}`);
  });

  hardenServer(server, {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    // Refuse new requests, let those in flight finish, then release the database.
    startDraining();
    await new Promise<void>((done) => {
      // A keep-alive connection goes idle once its last request is answered; closed only once, close() would wait
      // for it until a keep-alive timeout (5 s) ends it.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
      server.close(() => {
        clearInterval(closeIdle);
        done();
      });
      server.closeIdleConnections();
    });
    await reconciler.stop();
    await db.close();
    await rongCloud.emulator?.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
