// Turns any error (AppError, input validation, tRPC transport errors, database outages, bugs) into the envelope of
// docs/api.md#errors, with its status and words from the contracts' one error table. Both transports use it.
import {
  ERRORS,
  type ErrorCode,
  type ErrorEnvelope,
  localizeFieldMessage,
  MESSAGES,
  type MessageKey,
} from '@groupchat/contracts';
import { AppError, isDatabaseUnreachable } from '@groupchat/core';
import { TRPCError } from '@trpc/server';
import { type core, ZodError, z } from 'zod';
import type { Locale } from './context.ts';

const TRPC_CODE_BY_STATUS = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_SUPPORTED',
  408: 'TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  // tRPC has no code for 431; only Node's parser answers it, before any procedure (apps/server client-errors.ts).
  431: 'BAD_REQUEST',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
} as const;

const APP_CODE_BY_TRPC_CODE: Partial<Record<TRPCError['code'], ErrorCode>> = {
  PARSE_ERROR: 'parse_error',
  BAD_REQUEST: 'validation_error',
  UNAUTHORIZED: 'not_authenticated',
  FORBIDDEN: 'permission_denied',
  NOT_FOUND: 'not_found',
  METHOD_NOT_SUPPORTED: 'method_not_allowed',
  PAYLOAD_TOO_LARGE: 'payload_too_large',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported_media_type',
  TOO_MANY_REQUESTS: 'throttled',
  SERVICE_UNAVAILABLE: 'service_unavailable',
};

/** Domain errors and outages become a TRPCError with the right status, keeping the AppError as its cause. */
export function toTrpcError(error: unknown): TRPCError {
  const appError = toAppError(error);
  if (!appError)
    return error instanceof TRPCError
      ? error
      : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
  const status = appError.status as keyof typeof TRPC_CODE_BY_STATUS;
  return new TRPCError({ code: TRPC_CODE_BY_STATUS[status], message: appError.code, cause: appError });
}

export function isDatabaseOutage(error: unknown): boolean {
  return isDatabaseUnreachable(error instanceof TRPCError ? error.cause : error);
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof TRPCError && error.cause instanceof AppError) return error.cause;
  if (isDatabaseOutage(error)) {
    return new AppError('service_unavailable', { cause: error, retryAfterSeconds: 5 });
  }
  return undefined;
}

export interface EnvelopeWithStatus {
  status: number;
  envelope: ErrorEnvelope;
  retryAfterSeconds?: number;
}

export function toEnvelope(error: unknown, locale: Locale): EnvelopeWithStatus {
  const appError = toAppError(error);
  if (appError) {
    const fields = appError.fields
      ? Object.fromEntries(
          Object.entries(appError.fields).map(([field, keys]) => [
            field,
            keys.map((key) => MESSAGES[key][locale]),
          ]),
        )
      : undefined;
    return {
      status: appError.status,
      envelope: {
        detail: appError.detail ? MESSAGES[appError.detail][locale] : ERRORS[appError.code][locale],
        code: appError.code,
        ...(fields ? { fields } : {}),
      },
      ...(appError.retryAfterSeconds ? { retryAfterSeconds: appError.retryAfterSeconds } : {}),
    };
  }
  if (error instanceof TRPCError && error.cause instanceof ZodError) {
    return {
      status: 400,
      envelope: {
        detail: ERRORS.validation_error[locale],
        code: 'validation_error',
        fields: fieldsOf(error.cause, locale),
      },
    };
  }
  const code = (error instanceof TRPCError && APP_CODE_BY_TRPC_CODE[error.code]) || 'internal_error';
  return { status: ERRORS[code].status, envelope: { detail: ERRORS[code][locale], code } };
}

const chinese = z.locales.zhCN();

// Django REST Framework's shape: messages per top-level field, `non_field_errors` for the body as a whole. A value
// of the wrong type gets that one message, as a DRF field stops at its type (zod may check a length beside it).
function fieldsOf(error: ZodError, locale: Locale): Record<string, string[]> {
  const fields = new Map<string, string[]>();
  const wrongType = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'non_field_errors';
    if (wrongType.has(field)) continue;
    if (issue.code === 'invalid_type' && issue.path.length <= 1) {
      wrongType.add(field);
      fields.set(field, []);
    }
    fields.set(field, [...(fields.get(field) ?? []), messageOf(issue, locale)]);
  }
  return Object.fromEntries(fields);
}

// A custom issue may name a message of our table (contracts' humanText does); DRF's messages (contracts' error
// map) are written in the caller's language; what is left is zod's own, translated.
function messageOf(issue: core.$ZodIssue, locale: Locale): string {
  const key =
    issue.code === 'custom' ? (issue.params as { message?: unknown } | undefined)?.message : undefined;
  if (typeof key === 'string' && key in MESSAGES) return MESSAGES[key as MessageKey][locale];
  const drf = localizeFieldMessage(issue.message, locale);
  if (drf !== undefined) return drf;
  return locale === 'en' ? issue.message : localizeChinese(issue);
}

function localizeChinese(issue: core.$ZodIssue): string {
  const message = chinese.localeError(issue as never);
  const text = typeof message === 'string' ? message : (message?.message ?? issue.message);
  return text.replace(/，实际接收 undefined$/, '');
}
