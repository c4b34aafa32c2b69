// POST /group/quit.json (§3.5): removes members; non-members and unknown groups are fine (§6).
import { checkId, requireParam, requireUserIds } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const quitGroup: ApiHandler = (params, { state }) => {
  const userIds = requireUserIds(params);
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  state.removeMembers(groupId, userIds);
  return { code: 200 };
};
