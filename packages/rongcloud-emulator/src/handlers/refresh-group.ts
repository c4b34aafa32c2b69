// POST /group/refresh.json (§3.7): renames a group; an unknown group is fine and is not created (§6).
import { checkId, checkName, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const refreshGroup: ApiHandler = (params, { state }) => {
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  const name = checkName('groupName', requireParam(params, 'groupName'));
  state.renameGroup(groupId, name);
  return { code: 200 };
};
