// Checks App-Key and Signature as RongCloud does: unknown/missing key → 401+1001, bad signature → 401+1004.
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, ErrorCode } from './api-error.ts';
import { readAuthHeaders } from './auth-headers.ts';
import type { ResolvedOptions } from './options.ts';
import type { ReplayGuard } from './replay-guard.ts';
import { isSignatureValid } from './signature.ts';

/** Documented maximum nonce length (§1.2); only enforced in strict mode because RongCloud may not. */
const MAX_NONCE_LENGTH = 18;
/** Below this a numeric timestamp is read as seconds (every official SDK sends seconds, §1.4). */
const SECONDS_CUTOFF = 1e11;

function signatureError(message: string): ApiError {
  return new ApiError(401, ErrorCode.badSignature, message);
}

function checkFreshness(
  nonce: string,
  timestamp: string,
  options: ResolvedOptions,
  guard: ReplayGuard,
  now: number,
): void {
  if (nonce.length > MAX_NONCE_LENGTH)
    throw signatureError(`Nonce longer than ${MAX_NONCE_LENGTH} characters`);
  if (!/^\d+$/.test(timestamp)) throw signatureError('Timestamp is not a number');
  const raw = Number(timestamp);
  const timestampMs = raw < SECONDS_CUTOFF ? raw * 1000 : raw;
  if (Math.abs(now - timestampMs) > options.timestampToleranceMs) throw signatureError('Timestamp expired');
  const fresh = guard.remember(`${nonce}\u0000${timestamp}`, now + options.timestampToleranceMs, now);
  if (!fresh) throw signatureError('Nonce and Timestamp already used');
}

/** Returns the authenticated App Key or throws the ApiError RongCloud would answer with. */
export function authenticateRequest(
  headers: IncomingHttpHeaders,
  options: ResolvedOptions,
  guard: ReplayGuard,
  now: number,
): string {
  const { appKey, nonce, timestamp, signature } = readAuthHeaders(headers);
  if (appKey === undefined) throw new ApiError(401, ErrorCode.badAppKey, 'App-Key is missing');
  if (appKey !== options.appKey) throw new ApiError(401, ErrorCode.badAppKey, 'App-Key is invalid');
  if (nonce === undefined || timestamp === undefined || signature === undefined) {
    throw signatureError('Nonce, Timestamp and Signature headers are required');
  }
  if (!isSignatureValid(options.appSecret, nonce, timestamp, signature))
    throw signatureError('Signature error');
  if (options.strictTimestamps) checkFreshness(nonce, timestamp, options, guard, now);
  return appKey;
}
