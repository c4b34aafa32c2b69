// Server API transport: signs, form-encodes and POSTs, reads the {code, errorMessage} envelope, and
// retries retryable failures with backoff, switching base URL on transport trouble and 5xx (§2.2, §4).
import { computeBackoffDelay, sleep } from './backoff.ts';
import { BaseUrlPool } from './base-url-pool.ts';
import { classifyFailure } from './classify-failure.ts';
import { encodeForm, type FormField } from './encode-form.ts';
import { RongCloudError, type RongCloudErrorCode } from './errors.ts';
import type { ResolvedConfig } from './resolve-config.ts';
import { createAuthHeaders } from './sign-request.ts';

type RongCloudBody = Readonly<Record<string, unknown>>;

/** A successful answer: body `code` was 200. */
export interface RongCloudAnswer {
  endpoint: string;
  body: RongCloudBody;
  httpStatus: number;
  requestId: string;
  attempts: number;
}

export interface RongCloudTransport {
  /** Resolves when the body's `code` is 200; otherwise throws RongCloudError. */
  post(endpoint: string, fields: readonly FormField[], signal?: AbortSignal): Promise<RongCloudAnswer>;
}

interface Failure {
  code: RongCloudErrorCode;
  httpStatus: number | undefined;
  detail: string;
  serverMessage?: string | undefined;
  cause?: unknown;
}

type AttemptOutcome = { ok: true; body: RongCloudBody; httpStatus: number } | { ok: false; failure: Failure };

const SUCCESS_CODE = 200;
// The largest answer (3000 members of a group) is about 100 KiB; an upstream sending more is broken or hostile, and
// reading all of it would let it fill this process's memory (or a database document with a giant token).
const MAX_BODY_BYTES = 1024 * 1024;
// errorMessage is free text from the server; bound what ends up in logs and error messages.
const MAX_SERVER_MESSAGE_LENGTH = 500;

export function createTransport(config: ResolvedConfig): RongCloudTransport {
  const pool = new BaseUrlPool(config.baseUrls);
  const { logger } = config;

  async function attemptOnce(
    baseUrl: string,
    endpoint: string,
    body: string,
    requestHeaders: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, config.timeoutMs);
    const forwardAbort = (): void => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await config.fetch(`${baseUrl}${endpoint}`, {
        method: 'POST',
        headers: requestHeaders,
        body,
        signal: controller.signal,
        // A redirect means a wrong base URL; following it would replay signed headers to another host.
        redirect: 'manual',
      });
      const text = await readBounded(response, MAX_BODY_BYTES);
      if (text === undefined) return invalidResponse(response.status, 'body too large');
      return readEnvelope(response.status, text);
    } catch (error) {
      if (signal?.aborted) {
        return {
          ok: false,
          failure: { code: 'aborted', httpStatus: undefined, detail: 'aborted by the caller' },
        };
      }
      if (timedOut) {
        const detail = `no answer within ${config.timeoutMs} ms`;
        return { ok: false, failure: { code: 'timeout', httpStatus: undefined, detail } };
      }
      return {
        ok: false,
        failure: {
          code: 'network',
          httpStatus: undefined,
          detail: describeNetworkError(error),
          cause: error,
        },
      };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  async function post(
    endpoint: string,
    fields: readonly FormField[],
    signal?: AbortSignal,
  ): Promise<RongCloudAnswer> {
    const body = encodeForm(fields);
    const triedHosts = new Set<number>();
    let attempts = 0;
    let requestId: string | undefined;

    const abortedError = (): RongCloudError =>
      toError(endpoint, attempts, requestId, {
        code: 'aborted',
        httpStatus: undefined,
        detail: 'aborted by the caller',
        cause: signal?.reason,
      });

    for (;;) {
      if (signal?.aborted) throw abortedError();
      const host = pool.current();
      triedHosts.add(host.index);
      const auth = createAuthHeaders(config.appKey, config.appSecret);
      requestId = auth['X-Request-ID'];
      attempts += 1;
      logger?.debug({ endpoint, baseUrl: host.url, requestId, attempt: attempts }, 'rongcloud request');
      const outcome = await attemptOnce(
        host.url,
        endpoint,
        body,
        { ...auth, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        signal,
      );
      if (outcome.ok) {
        return { endpoint, body: outcome.body, httpStatus: outcome.httpStatus, requestId, attempts };
      }

      const { failure } = outcome;
      if (failure.code === 'aborted') throw abortedError();
      const { retryable, failover } = classifyFailure(failure.code, failure.httpStatus);
      const next = failover ? pool.switchFrom(host.index) : host;
      if (!retryable || attempts > config.maxRetries) throw toError(endpoint, attempts, requestId, failure);

      // A host not yet tried in this call gets an immediate retry (§2.2); anything else backs off.
      const delayMs =
        failover && !triedHosts.has(next.index)
          ? 0
          : computeBackoffDelay(attempts - 1, config.retryBaseDelayMs, config.retryMaxDelayMs);
      logger?.warn(
        {
          endpoint,
          baseUrl: host.url,
          nextBaseUrl: next.url,
          requestId,
          attempt: attempts,
          code: failure.code,
          httpStatus: failure.httpStatus,
          delayMs,
        },
        'rongcloud request failed, retrying',
      );
      if (delayMs > 0) {
        try {
          await sleep(delayMs, signal);
        } catch {
          throw abortedError();
        }
      }
    }
  }

  return { post };
}

/** The body as text, or undefined (and the rest left unread) when it is longer than `limit` bytes. */
async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > limit || !response.body) {
    await response.body?.cancel();
    return response.body ? undefined : '';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function readEnvelope(status: number, text: string): AttemptOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalidResponse(status, 'body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalidResponse(status, 'body is not a JSON object');
  }
  const envelope = parsed as Record<string, unknown>;
  const code = readCode(envelope.code);
  if (code === undefined) return invalidResponse(status, 'body has no numeric code');
  // RongCloud reports the outcome in the body (§1.1); a 200 code wins over whatever the HTTP status says.
  if (code === SUCCESS_CODE) return { ok: true, body: envelope, httpStatus: status };
  const serverMessage =
    typeof envelope.errorMessage === 'string'
      ? envelope.errorMessage.slice(0, MAX_SERVER_MESSAGE_LENGTH)
      : undefined;
  return {
    ok: false,
    failure: {
      code,
      httpStatus: status,
      serverMessage,
      detail: `code ${code}, HTTP ${status}${serverMessage ? `: ${serverMessage}` : ''}`,
    },
  };
}

function readCode(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(raw);
  return undefined;
}

function invalidResponse(status: number, reason: string): AttemptOutcome {
  return {
    ok: false,
    failure: { code: 'invalid_response', httpStatus: status, detail: `${reason} (HTTP ${status})` },
  };
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  const message = error instanceof Error ? error.message : 'request failed';
  return causeCode ? `network error (${causeCode})` : `network error: ${message}`;
}

function toError(
  endpoint: string,
  attempts: number,
  requestId: string | undefined,
  failure: Failure,
): RongCloudError {
  const { retryable } = classifyFailure(failure.code, failure.httpStatus);
  const plural = attempts === 1 ? '' : 's';
  return new RongCloudError({
    code: failure.code,
    httpStatus: failure.httpStatus,
    retryable,
    endpoint,
    serverMessage: failure.serverMessage,
    requestId,
    attempts,
    message: `RongCloud ${endpoint} failed after ${attempts} attempt${plural}: ${failure.detail}`,
    cause: failure.cause,
  });
}

/** The non-retryable error for a success answer that lacks the documented fields. */
export function unexpectedBody(answer: RongCloudAnswer, detail: string): RongCloudError {
  return new RongCloudError({
    code: 'invalid_response',
    httpStatus: answer.httpStatus,
    retryable: false,
    endpoint: answer.endpoint,
    requestId: answer.requestId,
    attempts: answer.attempts,
    message: `RongCloud ${answer.endpoint} returned an unexpected success body: ${detail}`,
  });
}
