// EmulatorOptions and their validated, defaulted form.
import { API_ENDPOINTS, type ApiEndpoint, DEFAULT_RATE_LIMITS, isApiEndpoint } from './endpoints.ts';

/** One answered (or dropped) API call, for operator logging; never carries headers or secrets. */
export interface CallRecord {
  method: string;
  path: string;
  httpStatus: number | 'dropped';
  code: number | undefined;
  durationMs: number;
}

/**
 * The time zone of the gag list's wall-clock times (§3.11): Beijing time for RongCloud's China data centre,
 * UTC for the others.
 */
export type ServerTimeZone = 'UTC+8' | 'UTC';

export interface EmulatorOptions {
  appKey: string;
  appSecret: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Members per group; RongCloud's default is 3000 (§3.13). */
  maxMembers?: number;
  /** Calls per window per App Key, keyed by endpoint path (e.g. `/group/join.json`) or `*` for every endpoint. */
  rateLimits?: Partial<Record<string, number>>;
  /** Rate-limit window length; RongCloud counts per second, shorter windows only speed up tests. */
  rateLimitWindowMs?: number;
  /** Opt-in: numeric timestamp (s or ms) within `timestampToleranceMs`, nonce ≤ 18 chars, no reused nonce. */
  strictTimestamps?: boolean;
  /** Strict mode only; default 300000 (5 minutes) — RongCloud documents no window. */
  timestampToleranceMs?: number;
  /** Default `'UTC+8'`, the China data centre, which is also the client's default. */
  serverTimeZone?: ServerTimeZone;
  /** Called after every call to an API path (not for control endpoints). */
  onCall?: (call: CallRecord) => void;
}

export interface ResolvedOptions {
  appKey: string;
  appSecret: string;
  port: number;
  host: string;
  maxMembers: number;
  rateLimits: Readonly<Record<ApiEndpoint, number>>;
  rateLimitWindowMs: number;
  strictTimestamps: boolean;
  timestampToleranceMs: number;
  serverTimeZone: ServerTimeZone;
  onCall: ((call: CallRecord) => void) | undefined;
}

const DEFAULT_MAX_MEMBERS = 3000;
const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;
export const SERVER_TIME_ZONES: readonly ServerTimeZone[] = ['UTC+8', 'UTC'];

function requireNonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer`);
  return value;
}

function resolveRateLimits(
  overrides: Partial<Record<string, number>> | undefined,
): Record<ApiEndpoint, number> {
  const limits: Record<ApiEndpoint, number> = { ...DEFAULT_RATE_LIMITS };
  if (!overrides) return limits;
  const wildcard = overrides['*'];
  if (wildcard !== undefined) {
    for (const endpoint of API_ENDPOINTS)
      limits[endpoint] = requireNonNegativeInteger('rateLimits[*]', wildcard);
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (key === '*' || value === undefined) continue;
    if (!isApiEndpoint(key)) throw new TypeError(`rateLimits: unknown endpoint ${key}`);
    limits[key] = requireNonNegativeInteger(`rateLimits[${key}]`, value);
  }
  return limits;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  if (!options.appKey) throw new TypeError('appKey is required');
  if (!options.appSecret) throw new TypeError('appSecret is required');
  const maxMembers = requireNonNegativeInteger('maxMembers', options.maxMembers ?? DEFAULT_MAX_MEMBERS);
  const windowMs = options.rateLimitWindowMs ?? 1000;
  if (!Number.isInteger(windowMs) || windowMs <= 0) throw new TypeError('rateLimitWindowMs must be positive');
  const serverTimeZone = options.serverTimeZone ?? 'UTC+8';
  if (!SERVER_TIME_ZONES.includes(serverTimeZone)) {
    throw new TypeError(`serverTimeZone must be one of ${SERVER_TIME_ZONES.join(', ')}`);
  }
  return {
    appKey: options.appKey,
    appSecret: options.appSecret,
    port: requireNonNegativeInteger('port', options.port ?? 0),
    host: options.host ?? '127.0.0.1',
    maxMembers,
    rateLimits: resolveRateLimits(options.rateLimits),
    rateLimitWindowMs: windowMs,
    strictTimestamps: options.strictTimestamps ?? false,
    timestampToleranceMs: requireNonNegativeInteger(
      'timestampToleranceMs',
      options.timestampToleranceMs ?? DEFAULT_TOLERANCE_MS,
    ),
    serverTimeZone,
    onCall: options.onCall,
  };
}
