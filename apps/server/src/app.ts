// Builds the Express app (no listen): REST under /api, tRPC under /trpc, docs, media, health.

import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { createOpenApiDocument, trpcHandlerOptions } from '@groupchat/api';
import { AppError, type CoreDeps, countOutOfStep, DEFAULT_MEDIA_DIR, type MediaStore } from '@groupchat/core';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { answerClientError, refuseTunnel } from './http/client-errors.ts';
import { type Metrics, setRoute } from './http/metrics.ts';
import { contextFor } from './http/request-context.ts';
import { checkRequestOrigin } from './http/request-origin.ts';
import { createRestHandler, type RestSettings } from './http/rest/rest-handler.ts';
import { errorHandler, sendError } from './http/send-error.ts';

export interface AppSettings extends RestSettings {
  mediaDir: string;
  trustProxy: string;
  version: string;
  /** Origins allowed to call the API from a browser; none when empty (mobile apps need no CORS). */
  corsOrigins: string[];
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

export interface AppParts {
  deps: CoreDeps;
  settings: AppSettings;
  logger: Logger;
  metrics: Metrics;
}

export interface ServiceApp {
  app: express.Express;
  /** From now on, new requests get 503 and `Connection: close`; requests in flight finish. */
  startDraining(): void;
}

const MAX_TRPC_BATCH = 10;

export function createApp({ deps, settings, logger, metrics }: AppParts): ServiceApp {
  const app = express();
  app.locals.errorCounter = metrics;
  let draining = false;
  app.disable('x-powered-by');
  app.set('trust proxy', settings.trustProxy);
  // TLS ends at the load balancer; upgrading subresources would break /docs on plain-HTTP development servers.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.use(metrics.timeRequests);
  if (settings.corsOrigins.length > 0) app.use(cors({ origin: settings.corsOrigins, maxAge: 600 }));
  app.use(
    pinoHttp({
      logger,
      // A caller's X-Request-ID is kept when it looks like one, so logs can be joined across services.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-ID', id);
        return id;
      },
      // pino-http binds the request to a child logger on every request, serialising it at once whatever the level:
      // the standard serialiser (every header, then redaction) cost 0.12 ms a request, a tenth of a group read.
      // Method and URL identify the request; no header is logged, so there is nothing to redact.
      wrapSerializers: false,
      serializers: {
        req: (req: express.Request) => ({ id: req.id, method: req.method, url: req.originalUrl }),
        res: (res: express.Response) => ({ statusCode: res.statusCode }),
      },
      // A request the client dropped (pino-http's 'request aborted') is the client's doing: a warning at most.
      customLogLevel: (req, res, error) => {
        if (res.statusCode >= 500) return 'error';
        if (req.readableAborted || !res.writableEnded) return 'warn';
        return error ? 'error' : 'info';
      },
    }),
  );

  app.use(checkRequestOrigin);
  app.use((req, res, next) => {
    if (!draining) return next();
    res.setHeader('Connection', 'close');
    sendError(req, res, new AppError('service_unavailable', { retryAfterSeconds: 1 }));
  });

  // The fixed paths label their metrics themselves; the REST handler labels its routes (metrics.ts).
  for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/media']) {
    app.use(path, (_req, res, next) => {
      setRoute(res, path);
      next();
    });
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    try {
      await deps.db.connection.db!.admin().ping();
      // An instance that cannot store uploads must leave the balancer's rotation like one without a database.
      await deps.media.check?.();
      const { notices, ...outOfStep } = await countOutOfStep(deps);
      res.json({ status: 'ready', rongcloudOutOfStep: outOfStep, noticesWaiting: notices });
    } catch (error) {
      // The media store's own error names it (media_store_unavailable); anything else is the database's.
      sendError(
        req,
        res,
        error instanceof AppError ? error : new AppError('service_unavailable', { cause: error }),
      );
    }
  });

  metrics.watchOutOfStep(deps);
  app.get('/metrics', async (req, res) => {
    if (
      settings.metricsToken &&
      !safeEqual(req.headers.authorization ?? '', `Bearer ${settings.metricsToken}`)
    ) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendError(req, res, new AppError('not_authenticated'));
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  const document = createOpenApiDocument(settings.version);
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Group chat API' }));

  const mediaOptions = { index: false, dotfiles: 'deny', fallthrough: false, maxAge: '7d' } as const;
  // serve-static answers other methods with an empty 405 of its own; the envelope instead.
  app.use('/media', allowMethods('GET, HEAD'));
  app.use('/media/defaults', express.static(DEFAULT_MEDIA_DIR, mediaOptions));
  app.use(
    '/media',
    deps.media.read ? serveFromStore(deps.media) : express.static(settings.mediaDir, mediaOptions),
  );

  // tRPC's adapter turns the request into a fetch Request, which throws (a 500) on methods such as TRACE.
  app.use('/trpc', allowMethods('GET, HEAD, POST'));
  app.use(
    '/trpc',
    createExpressMiddleware({
      ...trpcHandlerOptions({
        databaseOutage: () => metrics.countDatabaseError(),
        unexpected: (cause, req) => (req as express.Request).log?.error({ err: cause }, 'procedure failed'),
      }),
      // The REST side's limits: tRPC reads its own bodies, without a limit unless given one. A batch turns one
      // request into many calls, which would slip past any per-request rate limit in front of the service.
      maxBodySize: settings.maxBodyBytes,
      maxBatchSize: MAX_TRPC_BATCH,
      createContext: ({ req, res }) => contextFor(req, res, deps, settings),
    }),
  );
  app.use(createRestHandler(deps, settings));
  app.use((req, res) => sendError(req, res, new AppError('not_found')));
  app.use(errorHandler);
  return {
    app,
    startDraining: () => {
      draining = true;
    },
  };
}

// One entity tag as a cache sends it back; anything else is not passed on to the store.
const ENTITY_TAG = /^(?:W\/)?"[\x21\x23-\x7e]{1,128}"$/;
const MEDIA_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * Streams an object of a remote store (S3) under the same /media URL a local file has, with the headers
 * express.static gives one: the bucket stays private and clients see no difference (decision 0008).
 */
function serveFromStore(media: MediaStore): express.RequestHandler {
  return async (req, res) => {
    try {
      const ifNoneMatch = req.headers['if-none-match'];
      const object = await media.read!(req.path.slice(1), {
        ifNoneMatch: ifNoneMatch && ENTITY_TAG.test(ifNoneMatch) ? ifNoneMatch : undefined,
      });
      if (!object) return sendError(req, res, new AppError('not_found'));
      res.setHeader('Cache-Control', `public, max-age=${MEDIA_MAX_AGE_SECONDS}`);
      if (object === 'not-modified') return void res.status(304).end();
      res.setHeader('Content-Type', object.contentType);
      if (object.contentLength !== undefined) res.setHeader('Content-Length', object.contentLength);
      if (object.etag) res.setHeader('ETag', object.etag);
      if (object.lastModified) res.setHeader('Last-Modified', object.lastModified.toUTCString());
      if (req.method === 'HEAD') {
        object.body.destroy();
        return void res.end();
      }
      // A store that fails half-way cannot be answered with an envelope any more: the client sees a cut response.
      await pipeline(object.body, res).catch((error: unknown) => {
        req.log?.warn({ err: error }, 'media stream ended early');
      });
    } catch (error) {
      sendError(req, res, error);
    }
  };
}

/** Answers 405 in the envelope, with Allow, to any method not in `allow`. */
function allowMethods(allow: string): express.RequestHandler {
  const methods = new Set(allow.split(', '));
  return (req, res, next) => {
    if (methods.has(req.method)) return next();
    res.setHeader('Allow', allow);
    sendError(req, res, new AppError('method_not_allowed'));
  };
}

// Compares digests, so the time taken says nothing about how much of the secret matched.
function safeEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export interface ServerTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

/** Bounds how long a client may take to send headers and a whole request (slow-trickle uploads). */
export function hardenServer(
  server: Server,
  timeouts: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000 },
): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', answerClientError);
  server.on('connect', refuseTunnel);
}
