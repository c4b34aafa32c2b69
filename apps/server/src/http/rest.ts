// The documented REST surface under /api, served by trpc-to-openapi from the same procedures as /trpc.
// trpc-to-openapi only takes JSON bodies, so every body (JSON, form-urlencoded, multipart) is parsed here first
// and the request is then presented to it as JSON; its error bodies are rewritten into SPEC's envelope.
import { type AppRouter, isDatabaseOutage, type ProcedureMeta, toEnvelope } from '@groupchat/api';
import { AppError, authenticate, type CoreDeps, tokenFromAuthorizationHeader } from '@groupchat/core';
import express, { type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { createOpenApiNodeHttpHandler } from 'trpc-to-openapi';
import type { Metrics } from './metrics.ts';
import { contextFor, type HttpSettings } from './request-context.ts';

export interface RestSettings extends HttpSettings {
  maxUploadBytes: number;
  maxBodyBytes: number;
}

interface UploadRoute {
  method: string;
  pattern: RegExp;
  field: string;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createRestHandler(
  router: AppRouter,
  deps: CoreDeps,
  settings: RestSettings,
  metrics: Metrics,
): express.Router {
  const rest = express.Router();
  const uploads = uploadRoutes(router);
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: settings.maxUploadBytes,
      files: 1,
      fields: 50,
      fieldSize: settings.maxBodyBytes,
      parts: 60,
    },
  });

  rest.use('/api', (req, res, next) => {
    if (!req.is('multipart/form-data')) return next();
    const upload = uploads.find(
      (route) => route.method === req.method && route.pattern.test(req.originalUrl.split('?')[0]!),
    );
    if (!upload) return multipart.none()(req, res, next);
    // multer buffers the whole file before any procedure runs: refuse bad credentials before reading a byte of it.
    authenticateBeforeUpload(deps, req, res)
      .then(() =>
        multipart.single(upload.field)(req, res, (error?: unknown) =>
          next(error ?? attachFile(req, upload.field)),
        ),
      )
      .catch(next);
  });
  rest.use('/api', express.json({ limit: settings.maxBodyBytes }));
  rest.use('/api', express.urlencoded({ extended: false, limit: settings.maxBodyBytes }));
  rest.use('/api', presentAsJson);

  const handler = createOpenApiNodeHttpHandler({
    router,
    maxBodySize: settings.maxBodyBytes,
    createContext: ({ req, res }) => contextFor(req as Request, res as Response, deps, settings),
    responseMeta: ({ errors, paths }) => {
      const [error] = errors;
      if (error) {
        const { status, retryAfterSeconds } = toEnvelope(error, 'zh');
        return { status, headers: retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {} };
      }
      return { status: successStatusOf(router, paths?.[0]) };
    },
    onError: ({ error, req }) => {
      if (isDatabaseOutage(error)) metrics.countDatabaseError();
      else if (toEnvelope(error, 'zh').status >= 500)
        (req as Request).log?.error({ err: error.cause ?? error }, 'procedure failed');
    },
  });
  rest.use((req, res, next) => {
    if (!req.path.startsWith('/api/')) return next();
    rewriteErrorBodies(res);
    handler(req, res, next).catch(next);
  });
  return rest;
}

async function authenticateBeforeUpload(deps: CoreDeps, req: Request, res: Response): Promise<void> {
  const token = tokenFromAuthorizationHeader(req.headers.authorization);
  if (!token) throw new AppError('not_authenticated');
  res.locals.authenticatedUser = await authenticate(deps, token);
}

function attachFile(req: Request, field: string): undefined {
  if (req.file) {
    req.body[field] = {
      buffer: req.file.buffer,
      originalName: req.file.originalname,
      mimeType: req.file.mimetype,
      size: req.file.size,
    };
  }
  return undefined;
}

const presentAsJson: RequestHandler = (req, _res, next) => {
  if (!BODY_METHODS.has(req.method)) return next();
  if (req.body === undefined) {
    // A body no parser understood (text/plain, XML, …) is refused; no body at all is an empty object.
    if (req.headers['content-type'] && hasBody(req)) return next(new AppError('unsupported_media_type'));
    req.body = {};
  }
  // trpc-to-openapi serializes the body again, recursively: a deeply nested one would overflow the stack.
  if (nestedDeeperThan(req.body, MAX_BODY_DEPTH)) return next(new AppError('parse_error'));
  req.headers['content-type'] = 'application/json';
  next();
};

// No contract nests at all; this only has to stay far below what recursion survives.
const MAX_BODY_DEPTH = 32;

function nestedDeeperThan(body: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[body, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

// trpc-to-openapi writes {message, code, issues, data}; our errorFormatter put the envelope in data.envelope.
function rewriteErrorBodies(res: Response): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (res.statusCode >= 400 && typeof chunk === 'string') {
      try {
        const envelope = (JSON.parse(chunk) as { data?: { envelope?: unknown } }).data?.envelope;
        if (envelope) return end(JSON.stringify(envelope), ...rest);
      } catch {
        // Not JSON: leave it as it is.
      }
    }
    return end(chunk, ...rest);
  }) as Response['end'];
}

type AnyProcedure = { _def: { meta?: { openapi?: { method: string; path: string } } & ProcedureMeta } };

function proceduresOf(router: AppRouter): AnyProcedure[] {
  return Object.values(router._def.procedures as unknown as Record<string, AnyProcedure>);
}

function uploadRoutes(router: AppRouter): UploadRoute[] {
  return proceduresOf(router).flatMap(({ _def: { meta } }) =>
    meta?.upload && meta.openapi
      ? [{ method: meta.openapi.method, pattern: pathPattern(meta.openapi.path), field: meta.upload }]
      : [],
  );
}

const pathPattern = (path: string) => new RegExp(`^${path.replace(/\{[^/]+\}/g, '[^/]+')}/?$`, 'i');

function successStatusOf(router: AppRouter, path: string | undefined): number {
  const procedure = path
    ? (router._def.procedures as unknown as Record<string, AnyProcedure>)[path]
    : undefined;
  return procedure?._def.meta?.successStatus ?? 200;
}
