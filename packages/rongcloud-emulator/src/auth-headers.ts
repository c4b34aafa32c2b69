// Reads the four auth headers; each accepts the plain and the `RC-` name (§1.2), plain name first.
import type { IncomingHttpHeaders } from 'node:http';

export interface AuthHeaderValues {
  appKey: string | undefined;
  nonce: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

function readHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  // Node lower-cases incoming header names, which makes the lookup case-insensitive.
  for (const candidate of [name, `rc-${name}`]) {
    const raw = headers[candidate];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

export function readAuthHeaders(headers: IncomingHttpHeaders): AuthHeaderValues {
  return {
    appKey: readHeader(headers, 'app-key'),
    nonce: readHeader(headers, 'nonce'),
    timestamp: readHeader(headers, 'timestamp'),
    signature: readHeader(headers, 'signature'),
  };
}
