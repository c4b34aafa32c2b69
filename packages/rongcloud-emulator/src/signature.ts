// RongCloud's request signature (§1.3): lowercase hex SHA-1 of AppSecret + Nonce + Timestamp.
import { createHash, timingSafeEqual } from 'node:crypto';

export function computeSignature(appSecret: string, nonce: string, timestamp: string): string {
  return createHash('sha1').update(`${appSecret}${nonce}${timestamp}`, 'utf8').digest('hex');
}

/**
 * Exact match against the lowercase digest: every official SDK sends lowercase and RongCloud never documents
 * accepting uppercase, so a client that passes here also passes there.
 */
export function isSignatureValid(
  appSecret: string,
  nonce: string,
  timestamp: string,
  signature: string,
): boolean {
  const expected = Buffer.from(computeSignature(appSecret, nonce, timestamp), 'utf8');
  const actual = Buffer.from(signature, 'utf8');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
