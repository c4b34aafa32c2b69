// POST /user/group/query.json (§3.10): the user's groups; page 0/absent = first 5000, else `size` (≤ 1000) per page.
import { badParam } from '../api-error.ts';
import { checkId, optionalParam, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

const UNPAGED_LIMIT = 5000;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

function readInteger(params: URLSearchParams, key: string, min: number, max: number): number | undefined {
  const raw = optionalParam(params, key);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw badParam(`${key} must be between ${min} and ${max}`);
  return value;
}

export const queryUserGroups: ApiHandler = (params, { state }) => {
  const userId = checkId('userId', requireParam(params, 'userId'));
  const page = readInteger(params, 'page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const size = readInteger(params, 'size', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const groups = state.groupsOf(userId);
  const selected = page === 0 ? groups.slice(0, UNPAGED_LIMIT) : groups.slice((page - 1) * size, page * size);
  return { code: 200, groups: selected };
};
