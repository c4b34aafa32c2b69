// Form-parameter checks with RongCloud's limits (§3.13): ids [A-Za-z0-9] ≤ 64, names ≤ 64, ≤ 1000 ids per call
// (≤ 20 per mute call, §3.11).
import { ApiError, badParam, ErrorCode, tooLong } from './api-error.ts';

export const MAX_IDS_PER_CALL = 1000;
export const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 64;
export const MAX_PORTRAIT_BYTES = 1024;
/** userIds or groupIds per mute call (§3.11, §3.16). */
export const MAX_MUTE_IDS_PER_CALL = 20;
/** 30 days, the longest timed gag; 0 = until lifted (§3.11). */
export const MAX_GAG_MINUTES = 43_200;

const ID_PATTERN = /^[A-Za-z0-9]+$/;

/** An empty value counts as missing. */
export function requireParam(params: URLSearchParams, key: string): string {
  const value = params.get(key);
  if (value === null || value === '') throw badParam(`${key} is required`);
  return value;
}

/** Absent or empty → undefined (the stored value is left unchanged). */
export function optionalParam(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value === null || value === '' ? undefined : value;
}

/** Absent or empty → undefined; otherwise a decimal integer within [min, max], or 1002. */
export function optionalInteger(
  params: URLSearchParams,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const raw = optionalParam(params, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw badParam(`${key} must be between ${min} and ${max}`);
  return value;
}

/** Over-length is 1005, any other defect 1002 (which code RongCloud picks per field is unconfirmed, §9.4). */
export function checkId(key: string, value: string): string {
  if (value === '') throw badParam(`${key} is required`);
  if (Buffer.byteLength(value, 'utf8') > MAX_ID_LENGTH)
    throw tooLong(`${key} is longer than ${MAX_ID_LENGTH}`);
  if (!ID_PATTERN.test(value)) throw badParam(`${key} may contain only letters and digits`);
  return value;
}

/** Names are counted in characters of any script (§3.1). */
export function checkName(key: string, value: string): string {
  if ([...value].length > MAX_NAME_LENGTH)
    throw tooLong(`${key} is longer than ${MAX_NAME_LENGTH} characters`);
  return value;
}

export function checkPortraitUri(value: string): string {
  if (Buffer.byteLength(value, 'utf8') > MAX_PORTRAIT_BYTES) {
    throw tooLong(`portraitUri is longer than ${MAX_PORTRAIT_BYTES} bytes`);
  }
  return value;
}

export function checkIdCount(key: string, count: number): void {
  if (count > MAX_IDS_PER_CALL) throw badParam(`at most ${MAX_IDS_PER_CALL} ${key} values per call`);
}

/** The repeatable `userId` of create/join/quit: 1 to 1000 valid ids. */
export function requireUserIds(params: URLSearchParams): string[] {
  const userIds = params.getAll('userId');
  if (userIds.length === 0) throw badParam('userId is required');
  checkIdCount('userId', userIds.length);
  return userIds.map((userId) => checkId('userId', userId));
}

/** The repeatable id of a mute call (`userId` or `groupId`): 1 to 20 valid ids; more is 1002 (§3.16). */
export function requireMuteIds(params: URLSearchParams, key: string): string[] {
  const ids = params.getAll(key);
  if (ids.length === 0) throw badParam(`${key} is required`);
  if (ids.length > MAX_MUTE_IDS_PER_CALL)
    throw badParam(`at most ${MAX_MUTE_IDS_PER_CALL} ${key} values per call`);
  return ids.map((id) => checkId(key, id));
}

/** A gag's `minute`: required, an integer from 0 to 43200 (1002 otherwise; RongCloud's code is unconfirmed). */
export function requireGagMinutes(params: URLSearchParams): number {
  const raw = requireParam(params, 'minute');
  const minutes = Number(raw);
  if (!/^\d+$/.test(raw) || minutes > MAX_GAG_MINUTES) {
    throw badParam(`minute must be an integer from 0 to ${MAX_GAG_MINUTES}`);
  }
  return minutes;
}

/** HTTP 405 + 1002 on overflow: an emulator choice — legacy tables map 405 to "group full" (§3.13, §9.6). */
export function groupFullError(maxMembers: number): ApiError {
  return new ApiError(405, ErrorCode.badParam, `group member count would exceed ${maxMembers}`);
}
