// Serves an API path: unreachable/404/405 first, then injected faults around the real processing, then counting.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode } from './api-error.ts';
import type { EmulatorContext } from './emulator-context.ts';
import { type ApiEndpoint, isApiEndpoint } from './endpoints.ts';
import type { FaultFailure } from './fault-store.ts';
import { type ApiAnswer, processApiCall } from './process-api-call.ts';
import { readBody } from './read-body.ts';
import { sendJson } from './send-json.ts';

/** Code 1508 in SDK-node's table; larger bodies are refused (§1.5). */
const MAX_BODY_BYTES = 100 * 1024;

function destroyConnection(res: ServerResponse): void {
  res.socket?.destroy();
}

function answerFault(res: ServerResponse, failure: FaultFailure): ApiAnswer | 'dropped' {
  if (failure.kind === 'drop') {
    destroyConnection(res);
    return 'dropped';
  }
  const answer = {
    httpStatus: failure.httpStatus,
    body: { code: failure.code, errorMessage: failure.errorMessage },
  };
  sendJson(res, answer.httpStatus, answer.body);
  return answer;
}

async function serveEndpoint(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: ApiEndpoint,
  context: EmulatorContext,
): Promise<ApiAnswer | 'dropped' | 'aborted'> {
  const body = await readBody(req, MAX_BODY_BYTES);
  const plan = context.faults.takePlan(endpoint);
  if (plan.latencyMs > 0) {
    try {
      await sleep(plan.latencyMs, undefined, { signal: context.closing });
    } catch {
      return 'aborted';
    }
  }
  if (plan.failure && !plan.failure.afterApply) return answerFault(res, plan.failure);
  // A client that gave up during the latency still gets its call applied, as a real server would.
  const answer = processApiCall(endpoint, req.headers, body, context);
  if (plan.failure) return answerFault(res, plan.failure);
  sendJson(res, answer.httpStatus, answer.body);
  return answer;
}

export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  const endpoint = isApiEndpoint(path) ? path : undefined;
  let outcome: ApiAnswer | 'dropped' | 'aborted';
  if (context.faults.isDown(startedAt)) {
    destroyConnection(res);
    outcome = 'dropped';
  } else if (!endpoint) {
    outcome = { httpStatus: 404, body: { code: ErrorCode.notFound, errorMessage: 'endpoint not found' } };
    sendJson(res, outcome.httpStatus, outcome.body);
  } else if (req.method !== 'POST') {
    // Current RongCloud code table: HTTP 405 = method not allowed (§4.1); the body code mirrors it like 404 does.
    outcome = {
      httpStatus: 405,
      body: { code: ErrorCode.methodNotAllowed, errorMessage: 'method not allowed' },
    };
    sendJson(res, outcome.httpStatus, outcome.body);
  } else {
    outcome = await serveEndpoint(req, res, endpoint, context);
  }
  if (outcome === 'aborted') return;
  const ok = outcome !== 'dropped' && outcome.httpStatus === 200 && outcome.body.code === 200;
  if (endpoint) context.state.recordCall(endpoint, ok);
  context.options.onCall?.({
    method: req.method ?? '',
    path,
    httpStatus: outcome === 'dropped' ? 'dropped' : outcome.httpStatus,
    code: outcome === 'dropped' ? undefined : outcome.body.code,
    durationMs: Date.now() - startedAt,
  });
}
