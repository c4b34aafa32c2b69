// Request signing (§1.3): Signature = lowercase hex SHA-1(AppSecret + Nonce + Timestamp), fresh per request.
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export function signRequest(appSecret: string, nonce: string, timestamp: string): string {
  return createHash('sha1').update(`${appSecret}${nonce}${timestamp}`, 'utf8').digest('hex');
}

/** 18 hex chars: the documented maximum nonce length, 72 bits of randomness. */
function createNonce(): string {
  return randomBytes(9).toString('hex');
}

export interface AuthHeaders {
  'App-Key': string;
  Nonce: string;
  Timestamp: string;
  Signature: string;
  'X-Request-ID': string;
}

export function createAuthHeaders(appKey: string, appSecret: string, now: number = Date.now()): AuthHeaders {
  const nonce = createNonce();
  const timestamp = String(now);
  return {
    'App-Key': appKey,
    Nonce: nonce,
    Timestamp: timestamp,
    Signature: signRequest(appSecret, nonce, timestamp),
    'X-Request-ID': randomUUID(),
  };
}
