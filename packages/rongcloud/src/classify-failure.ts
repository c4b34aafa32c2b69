// Decides, per §4 of the reference, whether a failed answer may be retried and whether to switch hosts.
import type { RongCloudErrorCode } from './errors.ts';

export interface FailureClass {
  retryable: boolean;
  /** Switch to the other base URL before retrying (CDN-node trouble, §2.2). */
  failover: boolean;
}

/** Business codes that mean "server busy or rate limited, try again later". */
const RETRYABLE_BUSINESS_CODES: ReadonlySet<number> = new Set([1000, 1008, 1050]);

export function classifyFailure(code: RongCloudErrorCode, httpStatus: number | undefined): FailureClass {
  if (code === 'timeout' || code === 'network') return { retryable: true, failover: true };
  if (code === 'aborted') return { retryable: true, failover: false };
  const status = httpStatus ?? 0;
  const serverSide = status >= 500 && status <= 599;
  if (code === 'invalid_response') {
    // A garbled 2xx or a 5xx page comes from a broken edge node; a garbled 3xx/4xx is a misconfiguration.
    const garbledSuccess = status >= 200 && status <= 299;
    return {
      retryable: serverSide || garbledSuccess || status === 429,
      failover: serverSide || garbledSuccess,
    };
  }
  return {
    retryable: serverSide || status === 429 || RETRYABLE_BUSINESS_CODES.has(code),
    failover: serverSide,
  };
}
