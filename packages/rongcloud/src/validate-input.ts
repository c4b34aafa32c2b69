// Local checks against RongCloud's documented limits (§3.13), so bad input fails fast and is never sent.
import { RongCloudError } from './errors.ts';

const PARAMETER_ERROR = 1002;
const LENGTH_ERROR = 1005;
const MAX_ID_LENGTH = 64;
const MAX_NAME_CHARS = 64;
const MAX_PORTRAIT_URI_BYTES = 1024;
const MAX_QUERY_PAGE_SIZE = 1000;
/** 30 days, the longest timed gag (§3.11); 0 means until lifted. */
export const MAX_GAG_MINUTES = 43_200;
const ID_PATTERN = /^[A-Za-z0-9]+$/;

function reject(endpoint: string, code: number, message: string): never {
  throw new RongCloudError({
    code,
    endpoint,
    retryable: false,
    message: `RongCloud ${endpoint} not sent: ${message}`,
  });
}

/** userId / groupId: `[A-Za-z0-9]`, 1–64 characters (ASCII, so characters = bytes). */
export function assertId(endpoint: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') reject(endpoint, PARAMETER_ERROR, `${field} is required`);
  if (value.length > MAX_ID_LENGTH) {
    reject(endpoint, LENGTH_ERROR, `${field} is longer than ${MAX_ID_LENGTH} characters`);
  }
  if (!ID_PATTERN.test(value))
    reject(endpoint, PARAMETER_ERROR, `${field} may contain only A-Z, a-z and 0-9`);
}

export function assertIdList(endpoint: string, field: string, values: unknown): asserts values is string[] {
  if (!Array.isArray(values) || values.length === 0) {
    reject(endpoint, PARAMETER_ERROR, `${field} must list at least one id`);
  }
  for (const value of values) assertId(endpoint, field, value);
}

/** User and group names: 1–64 characters of any script (counted as code points, not bytes). */
export function assertName(endpoint: string, field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '')
    reject(endpoint, PARAMETER_ERROR, `${field} is required`);
  if ([...value].length > MAX_NAME_CHARS) {
    reject(endpoint, LENGTH_ERROR, `${field} is longer than ${MAX_NAME_CHARS} characters`);
  }
}

export function assertPortraitUri(endpoint: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') reject(endpoint, PARAMETER_ERROR, 'portraitUri must be a string');
  if (Buffer.byteLength(value, 'utf8') > MAX_PORTRAIT_URI_BYTES) {
    reject(endpoint, LENGTH_ERROR, `portraitUri is longer than ${MAX_PORTRAIT_URI_BYTES} bytes`);
  }
}

export function assertPage(endpoint: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    reject(endpoint, PARAMETER_ERROR, 'page must be an integer >= 0');
  }
}

export function assertPageSize(endpoint: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_QUERY_PAGE_SIZE) {
    reject(endpoint, PARAMETER_ERROR, `size must be an integer from 1 to ${MAX_QUERY_PAGE_SIZE}`);
  }
}

/** A gag's `minute`: an integer from 0 (until lifted) to 43200; RongCloud's error code is unconfirmed. */
export function assertGagMinutes(endpoint: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_GAG_MINUTES) {
    reject(endpoint, PARAMETER_ERROR, `minutes must be an integer from 0 to ${MAX_GAG_MINUTES}`);
  }
}

export function assertArray(endpoint: string, field: string, value: unknown): asserts value is unknown[] {
  if (!Array.isArray(value)) reject(endpoint, PARAMETER_ERROR, `${field} must be an array`);
}

export function assertUniqueIds(endpoint: string, field: string, values: readonly string[]): void {
  if (new Set(values).size !== values.length) reject(endpoint, PARAMETER_ERROR, `${field} lists an id twice`);
}
