// The documented REST surface under /api: each request is matched to its operation, its body parsed (JSON,
// form-urlencoded or multipart, as Django REST Framework accepted), its text turned into the operation's typed
// input, and the same procedure that /trpc serves is called. trpc-to-openapi describes these routes in the OpenAPI
// document; serving them here instead of through its handler keeps every REST-only habit (legacy method aliases,
// forms, uploads, 201s, the error envelope) in this one layer, outside the procedures (docs/decisions/0005).
import { type Operation, operationsOf } from '@groupchat/api';
import { AppError, type CoreDeps, identifyCaller } from '@groupchat/core';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { setRoute } from '../metrics.ts';
import { contextFor, type HttpSettings } from '../request-context.ts';
import { sendError } from '../send-error.ts';
import { readPageParams, relinkPage } from './pagination.ts';
import { buildRoutes, matchRoute, type RouteMatch } from './routes.ts';
import { hasField, wireInputOf } from './wire-input.ts';

export interface RestSettings extends HttpSettings {
  maxUploadBytes: number;
  maxBodyBytes: number;
}

/** Methods whose input travels in a body; the others take theirs from the query string. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

// No contract nests at all; this only has to stay far below what a recursive walk of the body survives.
const MAX_BODY_DEPTH = 32;

export function createRestHandler(deps: CoreDeps, settings: RestSettings): RequestHandler {
  const operations = operationsOf();
  const routes = buildRoutes(operations);
  const inputOf = new Map(operations.map((operation) => [operation, wireInputOf(operation.input)]));
  const paginated = new Set(operations.filter((operation) => hasField(operation.input, 'page')));
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
  const json = express.json({ limit: settings.maxBodyBytes });
  const form = express.urlencoded({ extended: false, limit: settings.maxBodyBytes });

  return (req, res, next) => {
    if (!req.path.startsWith('/api/')) return next();
    const match = matchRoute(routes, req.path);
    if (!match) return next();
    setRoute(res, match.route.path);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', match.route.allow);
      res.status(204).end();
      return;
    }
    const operation = match.route.byMethod.get(method as Operation['method']);
    if (!operation) {
      res.setHeader('Allow', match.route.allow);
      return sendError(req, res, new AppError('method_not_allowed'));
    }
    const fail = (error: unknown) => sendError(req, res, error);
    readBody(req, res, operation, { deps, settings, multipart, json, form })
      .then(async (upload) => {
        const raw = renameAliases(
          { ...(BODY_METHODS.has(method) ? req.body : queryOf(req)), ...paramsOf(match) },
          operation.rest.fieldAliases,
        );
        const ctx = { ...contextFor(req, res, deps, settings), upload };
        const listing = paginated.has(operation);
        const output = await operation.call(
          ctx,
          inputOf.get(operation)!(listing ? readPageParams(raw) : raw),
        );
        res
          .status(successStatusOf(operation, output))
          .json(listing ? relinkPage(output, searchOf(req)) : output);
      })
      .catch(fail);
  };
}

function successStatusOf(operation: Operation, output: unknown): number {
  const accepted = operation.rest.acceptedWhen;
  if (accepted && typeof output === 'object' && output !== null && accepted in output) return 202;
  return operation.rest.successStatus ?? 200;
}

interface BodyParsers {
  deps: CoreDeps;
  settings: RestSettings;
  multipart: multer.Multer;
  json: RequestHandler;
  form: RequestHandler;
}

/** Parses the body into req.body; resolves with the uploaded file of an upload operation, if one was sent. */
async function readBody(req: Request, res: Response, operation: Operation, parsers: BodyParsers) {
  if (!BODY_METHODS.has(req.method)) return undefined;
  const upload = operation.rest.upload;
  if (req.is('multipart/form-data')) {
    if (!upload) {
      await run(parsers.multipart.none(), req, res);
      return undefined;
    }
    // multer buffers the whole file before any procedure runs: refuse bad credentials before reading a byte of it.
    res.locals.caller = await identifyCaller(parsers.deps, {
      authorization: req.headers.authorization,
      baseUrl: contextFor(req, res, parsers.deps, parsers.settings).baseUrl,
    });
    if (!res.locals.caller.user) throw new AppError('not_authenticated');
    await run(parsers.multipart.single(upload.field), req, res);
    refuseTextAsFile(req, upload.field);
    return req.file
      ? {
          buffer: req.file.buffer,
          originalName: req.file.originalname,
          mimeType: req.file.mimetype,
          size: req.file.size,
        }
      : undefined;
  }
  await run(parsers.json, req, res);
  await run(parsers.form, req, res);
  refuseTextAsFile(req, upload?.field);
  if (req.body === undefined) {
    // A body no parser understood (text/plain, XML, …) is refused; no body at all is an empty object.
    if (req.headers['content-type'] && hasBody(req)) throw new AppError('unsupported_media_type');
    req.body = {};
  }
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new AppError('parse_error');
  }
  if (nestedDeeperThan(req.body, MAX_BODY_DEPTH)) throw new AppError('parse_error');
  return undefined;
}

// A URL or any other text where a file belongs is refused, as Django REST Framework's ImageField does, rather
// than silently ignored: the client believes it set something.
function refuseTextAsFile(req: Request, field: string | undefined) {
  if (field && req.body && typeof req.body === 'object' && field in req.body) {
    throw new AppError('validation_error', { fields: { [field]: ['not_a_file'] } });
  }
}

const run = (middleware: RequestHandler, req: Request, res: Response) =>
  new Promise<void>((resolve, reject) => {
    const done: NextFunction = (error?: unknown) => (error ? reject(error) : resolve());
    middleware(req, res, done);
  });

function renameAliases(raw: Record<string, unknown>, aliases: Record<string, string> | undefined) {
  for (const [alias, field] of Object.entries(aliases ?? {})) {
    if (raw[alias] === undefined || raw[field] !== undefined) continue;
    raw[field] = raw[alias];
    delete raw[alias];
  }
  return raw;
}

// One value per parameter: a repeated one stays a list, for the schema to take or refuse.
function queryOf(req: Request): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(req.query)) {
    query[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return query;
}

function searchOf(req: Request): string {
  const start = req.originalUrl.indexOf('?');
  return start === -1 ? '' : req.originalUrl.slice(start + 1);
}

function paramsOf(match: RouteMatch): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(match.params)) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value;
    }
  }
  return params;
}

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
