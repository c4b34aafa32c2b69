// POST /group/create.json and /group/join.json (§3.3, §3.4): create ≡ join, both add members idempotently.
import {
  checkId,
  checkName,
  groupFullError,
  optionalParam,
  requireParam,
  requireUserIds,
} from '../params.ts';
import type { ApiHandler, HandlerContext, SuccessBody } from './handler.ts';

function addMembers(params: URLSearchParams, nameRequired: boolean, context: HandlerContext): SuccessBody {
  const userIds = requireUserIds(params);
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  // Join's groupName is optional; when sent it replaces the push name like /group/refresh (§3.4).
  const name = nameRequired ? requireParam(params, 'groupName') : optionalParam(params, 'groupName');
  if (name !== undefined) checkName('groupName', name);
  if (context.state.addMembers(groupId, userIds, name, context.maxMembers) === 'over_capacity') {
    throw groupFullError(context.maxMembers);
  }
  return { code: 200 };
}

export const createGroup: ApiHandler = (params, context) => addMembers(params, true, context);

export const joinGroup: ApiHandler = (params, context) => addMembers(params, false, context);
