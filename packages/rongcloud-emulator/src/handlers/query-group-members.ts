// POST /group/user/query.json (§3.8): members in join order; an unknown group has none.
import { checkId, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const queryGroupMembers: ApiHandler = (params, { state }) => {
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  return { code: 200, users: state.membersOf(groupId).map((id) => ({ id })) };
};
