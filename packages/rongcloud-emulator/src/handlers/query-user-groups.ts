// POST /user/group/query.json (§3.10): the user's groups; page 0/absent = first 5000, else `size` (≤ 1000) per page.
import { checkId, optionalInteger, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

const UNPAGED_LIMIT = 5000;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export const queryUserGroups: ApiHandler = (params, { state }) => {
  const userId = checkId('userId', requireParam(params, 'userId'));
  const page = optionalInteger(params, 'page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const size = optionalInteger(params, 'size', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const groups = state.groupsOf(userId);
  const selected = page === 0 ? groups.slice(0, UNPAGED_LIMIT) : groups.slice((page - 1) * size, page * size);
  return { code: 200, groups: selected };
};
