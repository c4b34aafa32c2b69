// POST /group/ban/query.json (§3.16): the stat of up to 20 groupIds, or a page of every banned group.
import { optionalInteger, requireMuteIds } from '../params.ts';
import type { ApiHandler } from './handler.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;

export const queryBannedGroups: ApiHandler = (params, { state }) => {
  const page = optionalInteger(params, 'page', 1, Number.MAX_SAFE_INTEGER);
  const size = optionalInteger(params, 'size', 1, MAX_PAGE_SIZE);
  // page/size override groupId (§3.16); with neither, every banned group is listed, as the Node and Java SDKs'
  // getList() expects when it sends an empty body.
  if (page !== undefined || size !== undefined || !params.has('groupId')) {
    const pageSize = size ?? DEFAULT_PAGE_SIZE;
    const start = ((page ?? 1) - 1) * pageSize;
    const groupinfo = state.mutes
      .bannedGroups()
      .slice(start, start + pageSize)
      .map((groupId) => ({ groupId, stat: 1 }));
    return { code: 200, groupinfo };
  }
  const groupIds = [...new Set(requireMuteIds(params, 'groupId'))];
  const groupinfo = groupIds.map((groupId) => ({ groupId, stat: state.mutes.isBanned(groupId) ? 1 : 0 }));
  return { code: 200, groupinfo };
};
