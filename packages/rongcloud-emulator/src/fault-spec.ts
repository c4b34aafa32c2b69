// Parses and validates a fault-injection request (`POST /_emulator/faults` or `RunningEmulator.addFault`).
import { isApiEndpoint } from './endpoints.ts';

/** What a test may ask for; `count` omitted = until the faults are cleared. */
export type FaultSpec =
  | {
      endpoint: string;
      count?: number;
      httpStatus?: number;
      code?: number;
      errorMessage?: string;
      afterApply?: boolean;
    }
  | { endpoint: string; count?: number; latencyMs: number }
  | { endpoint: string; count?: number; drop: true; afterApply?: boolean }
  | { downForMs: number };

interface RuleBase {
  /** An API path or `*`. */
  endpoint: string;
  /** Remaining calls; null = unlimited. */
  remaining: number | null;
}

export type FaultRule =
  | (RuleBase & {
      kind: 'fail';
      httpStatus: number;
      code: number;
      errorMessage: string;
      afterApply: boolean;
    })
  | (RuleBase & { kind: 'latency'; latencyMs: number })
  | (RuleBase & { kind: 'drop'; afterApply: boolean });

export type ParsedFault = { kind: 'down'; downForMs: number } | FaultRule;

export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

const KEYS_BY_KIND = {
  down: ['downForMs'],
  fail: ['endpoint', 'count', 'httpStatus', 'code', 'errorMessage', 'afterApply'],
  latency: ['endpoint', 'count', 'latencyMs'],
  drop: ['endpoint', 'count', 'drop', 'afterApply'],
} as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readInteger(
  spec: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const value = spec[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new FaultSpecError(`${key} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function requireInteger(spec: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = readInteger(spec, key, min, max);
  if (value === undefined) throw new FaultSpecError(`${key} is required`);
  return value;
}

function readBoolean(spec: Record<string, unknown>, key: string): boolean {
  const value = spec[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new FaultSpecError(`${key} must be a boolean`);
  return value;
}

function detectKind(spec: Record<string, unknown>): keyof typeof KEYS_BY_KIND {
  if ('downForMs' in spec) return 'down';
  if ('latencyMs' in spec) return 'latency';
  if ('drop' in spec) return 'drop';
  return 'fail';
}

function readEndpoint(spec: Record<string, unknown>): string {
  const endpoint = spec.endpoint;
  if (typeof endpoint !== 'string') throw new FaultSpecError('endpoint is required (an API path or "*")');
  if (endpoint !== '*' && !isApiEndpoint(endpoint)) throw new FaultSpecError(`unknown endpoint ${endpoint}`);
  return endpoint;
}

export function parseFaultSpec(input: unknown): ParsedFault {
  if (!isRecord(input)) throw new FaultSpecError('fault must be a JSON object');
  const kind = detectKind(input);
  const allowed: readonly string[] = KEYS_BY_KIND[kind];
  const unexpected = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unexpected.length > 0)
    throw new FaultSpecError(`unexpected fields for a ${kind} fault: ${unexpected.join(', ')}`);
  if (kind === 'down') {
    return { kind, downForMs: requireInteger(input, 'downForMs', 1, 24 * 3600 * 1000) };
  }
  const base: RuleBase = {
    endpoint: readEndpoint(input),
    remaining: readInteger(input, 'count', 1, Number.MAX_SAFE_INTEGER) ?? null,
  };
  if (kind === 'latency') {
    return { ...base, kind, latencyMs: requireInteger(input, 'latencyMs', 0, 10 * 60 * 1000) };
  }
  if (kind === 'drop') {
    if (input.drop !== true) throw new FaultSpecError('drop must be true');
    return { ...base, kind, afterApply: readBoolean(input, 'afterApply') };
  }
  const errorMessage = input.errorMessage ?? 'injected fault';
  if (typeof errorMessage !== 'string') throw new FaultSpecError('errorMessage must be a string');
  return {
    ...base,
    kind,
    httpStatus: readInteger(input, 'httpStatus', 100, 599) ?? 500,
    code: readInteger(input, 'code', 0, Number.MAX_SAFE_INTEGER) ?? 1000,
    errorMessage,
    afterApply: readBoolean(input, 'afterApply'),
  };
}
