// POST /group/dismiss.json (§3.6): any userId may dismiss; an unknown group is fine (§6).
import { checkId, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const dismissGroup: ApiHandler = (params, { state }) => {
  checkId('userId', requireParam(params, 'userId'));
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  state.dismissGroup(groupId);
  return { code: 200 };
};
