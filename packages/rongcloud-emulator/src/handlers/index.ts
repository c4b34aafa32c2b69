// Endpoint path → handler.
import type { ApiEndpoint } from '../endpoints.ts';
import { banGroups, unbanGroups } from './ban-groups.ts';
import { dismissGroup } from './dismiss-group.ts';
import { gagMembers, ungagMembers } from './gag-members.ts';
import { getToken } from './get-token.ts';
import type { ApiHandler } from './handler.ts';
import { createGroup, joinGroup } from './join-group.ts';
import { listGagged } from './list-gagged.ts';
import { addToWhitelist, queryWhitelist, removeFromWhitelist } from './mute-whitelist.ts';
import { publishGroupMessage } from './publish-group-message.ts';
import { queryBannedGroups } from './query-banned-groups.ts';
import { queryGroupMembers } from './query-group-members.ts';
import { queryUserGroups } from './query-user-groups.ts';
import { quitGroup } from './quit-group.ts';
import { refreshGroup } from './refresh-group.ts';
import { refreshUser } from './refresh-user.ts';
import { syncUserGroups } from './sync-user-groups.ts';

export const API_HANDLERS: Readonly<Record<ApiEndpoint, ApiHandler>> = {
  '/user/getToken.json': getToken,
  '/user/refresh.json': refreshUser,
  '/group/create.json': createGroup,
  '/group/join.json': joinGroup,
  '/group/quit.json': quitGroup,
  '/group/dismiss.json': dismissGroup,
  '/group/refresh.json': refreshGroup,
  '/group/user/query.json': queryGroupMembers,
  '/group/sync.json': syncUserGroups,
  '/user/group/query.json': queryUserGroups,
  '/group/user/gag/add.json': gagMembers,
  '/group/user/gag/rollback.json': ungagMembers,
  '/group/user/gag/list.json': listGagged,
  '/group/ban/add.json': banGroups,
  '/group/ban/rollback.json': unbanGroups,
  '/group/ban/query.json': queryBannedGroups,
  '/group/user/ban/whitelist/add.json': addToWhitelist,
  '/group/user/ban/whitelist/rollback.json': removeFromWhitelist,
  '/group/user/ban/whitelist/query.json': queryWhitelist,
  '/message/group/publish.json': publishGroupMessage,
};
