// POST /group/user/gag/add.json and /rollback.json (§3.11, §3.16): gags by (group, user), whatever the membership.
import { badParam } from '../api-error.ts';
import { EVERY_GROUP, MAX_USERS_GAGGED_EVERYWHERE } from '../mute-state.ts';
import { checkId, optionalParam, requireGagMinutes, requireMuteIds } from '../params.ts';
import type { ApiHandler } from './handler.ts';

/** `groupId` is optional on every gag endpoint: without it the gag applies in every group (§3.11). */
export function readGagScope(params: URLSearchParams): string {
  const groupId = optionalParam(params, 'groupId');
  return groupId === undefined ? EVERY_GROUP : checkId('groupId', groupId);
}

// No existence or membership check: the SDKs' own tests gag users of groups never created (§3.16).
export const gagMembers: ApiHandler = (params, { state, now }) => {
  const userIds = requireMuteIds(params, 'userId');
  const scope = readGagScope(params);
  const minutes = requireGagMinutes(params);
  if (state.mutes.gag(scope, userIds, minutes, now) === 'over_capacity') {
    // The code for this is unconfirmed; 1002 is RongCloud's general parameter error.
    throw badParam(`at most ${MAX_USERS_GAGGED_EVERYWHERE} users may be gagged in every group`);
  }
  return { code: 200 };
};

/** Without groupId only the every-group gag is lifted: the reading symmetric with gag/add (§3.16). */
export const ungagMembers: ApiHandler = (params, { state }) => {
  const userIds = requireMuteIds(params, 'userId');
  state.mutes.ungag(readGagScope(params), userIds);
  return { code: 200 };
};
