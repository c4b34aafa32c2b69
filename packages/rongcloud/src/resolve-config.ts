// Checks the caller's configuration and fills in defaults; errors here never echo the App Secret.
import type { RongCloudConfig, RongCloudFetch, RongCloudLogger, RongCloudServerTimeZone } from './types.ts';

export interface ResolvedConfig {
  appKey: string;
  appSecret: string;
  baseUrls: readonly string[];
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  fetch: RongCloudFetch;
  logger: RongCloudLogger | undefined;
  serverTimeZone: RongCloudServerTimeZone;
}

// 10 s matches the Go and Python SDKs; the Java SDK's 30 s is too long for an interactive backend.
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_RETRY_BASE_DELAY_MS = 200;
const DEFAULT_RETRY_MAX_DELAY_MS = 5_000;
// Callers default to the China domains (RONGCLOUD_DOMAINS.beijing), which answer in Beijing time.
const DEFAULT_SERVER_TIME_ZONE: RongCloudServerTimeZone = 'UTC+8';
const SERVER_TIME_ZONES: readonly RongCloudServerTimeZone[] = ['UTC+8', 'UTC'];

export function resolveConfig(config: RongCloudConfig): ResolvedConfig {
  if (typeof config.appKey !== 'string' || config.appKey.trim() === '') {
    throw new TypeError('RongCloud config: appKey must be a non-empty string');
  }
  if (typeof config.appSecret !== 'string' || config.appSecret.trim() === '') {
    throw new TypeError('RongCloud config: appSecret must be a non-empty string');
  }
  if (!Array.isArray(config.baseUrls) || config.baseUrls.length === 0) {
    throw new TypeError('RongCloud config: baseUrls must list at least one URL (primary first)');
  }
  const baseUrls = config.baseUrls.map(normalizeBaseUrl);
  const retryBaseDelayMs = readNonNegative(
    'retryBaseDelayMs',
    config.retryBaseDelayMs,
    DEFAULT_RETRY_BASE_DELAY_MS,
  );
  const retryMaxDelayMs = readNonNegative(
    'retryMaxDelayMs',
    config.retryMaxDelayMs,
    DEFAULT_RETRY_MAX_DELAY_MS,
  );
  if (retryMaxDelayMs < retryBaseDelayMs) {
    throw new TypeError('RongCloud config: retryMaxDelayMs must not be smaller than retryBaseDelayMs');
  }
  const timeoutMs = readNonNegative('timeoutMs', config.timeoutMs, DEFAULT_TIMEOUT_MS);
  if (timeoutMs === 0) throw new TypeError('RongCloud config: timeoutMs must be positive');
  const maxRetries = readNonNegative('maxRetries', config.maxRetries, DEFAULT_MAX_RETRIES);
  if (!Number.isInteger(maxRetries)) throw new TypeError('RongCloud config: maxRetries must be an integer');
  const serverTimeZone = config.serverTimeZone ?? DEFAULT_SERVER_TIME_ZONE;
  if (!SERVER_TIME_ZONES.includes(serverTimeZone)) {
    throw new TypeError(`RongCloud config: serverTimeZone must be one of ${SERVER_TIME_ZONES.join(', ')}`);
  }
  return {
    appKey: config.appKey,
    appSecret: config.appSecret,
    baseUrls: Object.freeze(baseUrls),
    timeoutMs,
    maxRetries,
    retryBaseDelayMs,
    retryMaxDelayMs,
    fetch: config.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    logger: config.logger,
    serverTimeZone,
  };
}

function normalizeBaseUrl(raw: unknown): string {
  if (typeof raw !== 'string') throw new TypeError('RongCloud config: every base URL must be a string');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(`RongCloud config: invalid base URL ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`RongCloud config: base URL must be http(s): ${JSON.stringify(raw)}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError('RongCloud config: a base URL must not carry credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function readNonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`RongCloud config: ${name} must be a finite number >= 0`);
  }
  return value;
}
