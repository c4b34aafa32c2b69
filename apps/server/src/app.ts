// Builds the Express app (no listen): REST under /api, tRPC under /trpc, docs, media, health.
import { type AppRouter, appRouter, createOpenApiDocument, toEnvelope } from '@groupchat/api';
import { AppError, type CoreDeps, countOutOfStep, DEFAULT_MEDIA_DIR } from '@groupchat/core';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { contextFor } from './http/request-context.ts';
import { createRestHandler, type RestSettings } from './http/rest.ts';
import { errorHandler, sendError } from './http/send-error.ts';

export interface AppSettings extends RestSettings {
  mediaDir: string;
  trustProxy: string;
  version: string;
}

export function createApp(
  deps: CoreDeps,
  settings: AppSettings,
  logger: Logger,
  router: AppRouter = appRouter,
) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', settings.trustProxy);
  // TLS ends at the load balancer; upgrading subresources would break /docs on plain-HTTP development servers.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(
    pinoHttp({
      logger,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }) },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    try {
      await deps.db.connection.db!.admin().ping();
      res.json({ status: 'ready', rongcloudOutOfStep: await countOutOfStep(deps) });
    } catch (error) {
      sendError(req, res, new AppError('service_unavailable', { cause: error }));
    }
  });

  const document = createOpenApiDocument(settings.version);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Group chat API' }));

  const mediaOptions = { index: false, dotfiles: 'deny', fallthrough: false, maxAge: '7d' } as const;
  app.use('/media/defaults', express.static(DEFAULT_MEDIA_DIR, mediaOptions));
  app.use('/media', express.static(settings.mediaDir, mediaOptions));

  app.use(
    '/trpc',
    createExpressMiddleware({
      router,
      createContext: ({ req, res }) => contextFor(req, res, deps, settings),
      responseMeta: ({ errors }) => {
        const retryAfter = errors.map((error) => toEnvelope(error, 'zh').retryAfterSeconds).find(Boolean);
        return retryAfter ? { headers: { 'Retry-After': String(retryAfter) } } : {};
      },
      onError: ({ error, req }) => {
        if (toEnvelope(error, 'zh').status >= 500)
          req.log?.error({ err: error.cause ?? error }, 'procedure failed');
      },
    }),
  );
  app.use(createRestHandler(router, deps, settings));
  app.use((req, res) => sendError(req, res, new AppError('not_found')));
  app.use(errorHandler);
  return app;
}
