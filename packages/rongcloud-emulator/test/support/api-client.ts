// Test-side RongCloud signing and calls, written independently of the emulator's own code.
import { createHash } from 'node:crypto';
import { request } from 'node:http';

export const APP_KEY = 'emuTestKey';
export const APP_SECRET = 'emuTestSecret';

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

type AuthHeaderName = 'App-Key' | 'Nonce' | 'Timestamp' | 'Signature';

export interface AuthOverrides {
  appKey?: string;
  secret?: string;
  nonce?: string;
  timestamp?: string;
  /** Replaces the computed signature. */
  signature?: string;
  /** Send `RC-App-Key` etc. instead of the plain names. */
  prefixed?: boolean;
  /** Headers to leave out. */
  omit?: readonly AuthHeaderName[];
}

let nonceCounter = 0;

export function buildAuthHeaders(overrides: AuthOverrides = {}): Record<string, string> {
  nonceCounter += 1;
  const nonce = overrides.nonce ?? `n${nonceCounter}${Math.floor(Math.random() * 1e6)}`;
  const timestamp = overrides.timestamp ?? String(Date.now());
  const values: Record<AuthHeaderName, string> = {
    'App-Key': overrides.appKey ?? APP_KEY,
    Nonce: nonce,
    Timestamp: timestamp,
    Signature: overrides.signature ?? sha1Hex(`${overrides.secret ?? APP_SECRET}${nonce}${timestamp}`),
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(values) as [AuthHeaderName, string][]) {
    if (overrides.omit?.includes(name)) continue;
    headers[overrides.prefixed ? `RC-${name}` : name] = value;
  }
  return headers;
}

/** A raw body string is sent as is; pairs are form-encoded (repeated keys allowed). */
export type Form = string | ReadonlyArray<readonly [string, string]>;

function encodeForm(form: Form): string {
  if (typeof form === 'string') return form;
  const params = new URLSearchParams();
  for (const [key, value] of form) params.append(key, value);
  return params.toString();
}

export interface ApiResponse {
  status: number;
  contentType: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON fields
  body: any;
}

async function toApiResponse(response: Response): Promise<ApiResponse> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: JSON.parse(text),
  };
}

export async function callApi(
  baseUrl: string,
  path: string,
  form: Form,
  overrides: AuthOverrides = {},
  init: { signal?: AbortSignal; method?: string } = {},
): Promise<ApiResponse> {
  const method = init.method ?? 'POST';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...buildAuthHeaders(overrides), 'Content-Type': 'application/x-www-form-urlencoded' },
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: encodeForm(form) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return toApiResponse(response);
}

/** Control endpoints: unsigned JSON. */
export async function callControl(
  baseUrl: string,
  method: string,
  path: string,
  json?: unknown,
): Promise<ApiResponse> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(json === undefined
      ? {}
      : {
          headers: { 'Content-Type': 'application/json' },
          body: typeof json === 'string' ? json : JSON.stringify(json),
        }),
  });
  return toApiResponse(response);
}

/** node:http keeps header names exactly as given, which fetch does not (it lower-cases them). */
export function postWithRawHeaders(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  body: string,
): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const contentType = res.headers['content-type'] ?? null;
        resolve({
          status: res.statusCode ?? 0,
          contentType,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
