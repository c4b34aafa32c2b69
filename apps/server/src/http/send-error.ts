// The REST side's one error mapping: writes any error in the envelope of docs/api.md#errors — domain errors,
// input validation, body parsers, multer, unknown paths, outages and bugs alike.
import { isDatabaseOutage, toEnvelope } from '@groupchat/api';
import type { ErrorCode } from '@groupchat/contracts';
import { AppError } from '@groupchat/core';
import type { ErrorRequestHandler, Request, Response } from 'express';
import { MulterError } from 'multer';
import { localeOf } from './request-context.ts';

/** Where the app counts failures the database's absence caused (its metrics), kept in `app.locals`. */
export interface ErrorCounter {
  countDatabaseError(): void;
}

export function sendError(req: Request, res: Response, error: unknown): void {
  if (abortedByClient(req, error)) {
    // Nobody is left to answer; a dropped connection is the client's doing, not a failure of ours.
    req.log?.info({ reason: (error as Error).message }, 'request aborted by the client');
    if (!res.headersSent) res.status(400);
    res.end();
    return;
  }
  const { status, envelope, retryAfterSeconds } = toEnvelope(toAppErrorIfKnown(error), localeOf(req));
  if (isDatabaseOutage(error))
    (req.app.locals.errorCounter as ErrorCounter | undefined)?.countDatabaseError();
  else if (status >= 500) req.log?.error({ err: causeOf(error) }, 'request failed');
  if (retryAfterSeconds) res.setHeader('Retry-After', String(retryAfterSeconds));
  // RFC 9110: a 401 names the scheme that would work; /metrics sets its own (Bearer) first.
  if (status === 401 && !res.hasHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', 'Token');
  // The detail is in the caller's language: caches must keep one answer per Accept-Language.
  res.vary('Accept-Language');
  res.status(status).json(envelope);
}

// What a connection dropped mid-request makes the body readers throw: multer's 'Request aborted' / 'Request closed',
// busboy's 'Unexpected end of form', the socket's ECONNRESET or 'aborted'. Only when the request did end early: the
// same words from a request still open are a malformed body (400, below).
const ABORT_MESSAGES = /^(Request aborted|Request closed|Unexpected end of form|aborted)$/;
function abortedByClient(req: Request, error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const gone = req.destroyed || req.readableAborted || req.socket?.destroyed === true;
  return gone && (code === 'ECONNRESET' || code === 'ECONNABORTED' || ABORT_MESSAGES.test(error.message));
}

const causeOf = (error: unknown) => (error instanceof Error && error.cause ? error.cause : error);

// Errors of Express's body parsers (http-errors with a `type`) and of multer, mapped to our codes.
function toAppErrorIfKnown(error: unknown): unknown {
  // Ours already; its `status` is not an http-error's.
  if (error instanceof AppError) return error;
  if (error instanceof MulterError) {
    return error.code === 'LIMIT_FILE_SIZE'
      ? new AppError('file_too_large')
      : new AppError('validation_error', {
          fields: { [error.field ?? 'non_field_errors']: ['invalid_upload'] },
        });
  }
  const type = (error as { type?: unknown })?.type;
  switch (type) {
    case 'entity.parse.failed':
      return new AppError('parse_error');
    case 'entity.too.large':
      return new AppError('payload_too_large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type');
  }
  // busboy's complaints about a malformed multipart body.
  if (
    error instanceof Error &&
    /^(Unexpected end of form|Malformed part header|Multipart: Boundary not found)/.test(error.message)
  ) {
    return new AppError('parse_error');
  }
  // Any other client error of the body parsers or of the static files (a corrupt gzip body, too many form
  // parameters, a missing or forbidden media file, a bad Range) carries its 4xx status (http-errors).
  const status = (error as { status?: unknown })?.status;
  if (error instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(CODE_BY_CLIENT_STATUS[status] ?? 'validation_error');
  }
  return error;
}

const CODE_BY_CLIENT_STATUS: Partial<Record<number, ErrorCode>> = {
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (res.headersSent) return;
  sendError(req, res, error);
};
