// One authenticated API call after faults: auth → rate limit → body → handler, as an HTTP status and JSON body.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, ErrorCode } from './api-error.ts';
import { authenticateRequest } from './authenticate.ts';
import type { EmulatorContext } from './emulator-context.ts';
import type { ApiEndpoint } from './endpoints.ts';
import { API_HANDLERS } from './handlers/index.ts';
import { PUBLISH_ENDPOINT } from './handlers/publish-group-message.ts';
import type { ReadBodyResult } from './read-body.ts';

export interface ApiAnswer {
  httpStatus: number;
  body: { code: number } & Record<string, unknown>;
}

function run(
  endpoint: ApiEndpoint,
  headers: IncomingHttpHeaders,
  body: ReadBodyResult,
  context: EmulatorContext,
) {
  const { options } = context;
  const now = Date.now();
  const appKey = authenticateRequest(headers, options, context.replayGuard, now);
  // URLSearchParams is standard form decoding: `+` and `%20` are spaces, keys are percent-decoded too.
  const params = new URLSearchParams(body.tooLarge ? '' : body.text);
  // A group message counts once per target group (§3.14).
  const weight = endpoint === PUBLISH_ENDPOINT ? Math.max(1, params.getAll('toGroupId').length) : 1;
  const limit = options.rateLimits[endpoint];
  if (!context.rateLimiter.tryAcquire(`${appKey}\u0000${endpoint}`, limit, now, weight)) {
    throw new ApiError(
      429,
      ErrorCode.rateLimited,
      `too many requests: ${options.rateLimits[endpoint]} per second`,
    );
  }
  if (body.tooLarge)
    throw new ApiError(400, ErrorCode.bodyTooLarge, 'request body must be smaller than 100 KB');
  return API_HANDLERS[endpoint](params, {
    state: context.state,
    maxMembers: options.maxMembers,
    now,
    serverTimeZone: options.serverTimeZone,
  });
}

export function processApiCall(
  endpoint: ApiEndpoint,
  headers: IncomingHttpHeaders,
  body: ReadBodyResult,
  context: EmulatorContext,
): ApiAnswer {
  try {
    return { httpStatus: 200, body: run(endpoint, headers, body, context) };
  } catch (error) {
    if (error instanceof ApiError) {
      return { httpStatus: error.httpStatus, body: { code: error.code, errorMessage: error.message } };
    }
    return { httpStatus: 500, body: { code: ErrorCode.internal, errorMessage: 'internal error' } };
  }
}
