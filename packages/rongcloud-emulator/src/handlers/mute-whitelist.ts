// POST /group/user/ban/whitelist/{add,rollback,query}.json (§3.16): who may speak while a group is banned.
import { checkId, requireMuteIds, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

// Kept whatever the membership and across dismiss + re-create (§3.16); a gag still beats it, but the emulator
// sends no messages, so nothing here has to decide who may speak.
export const addToWhitelist: ApiHandler = (params, { state }) => {
  const userIds = requireMuteIds(params, 'userId');
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  state.mutes.addToWhitelist(groupId, userIds);
  return { code: 200 };
};

export const removeFromWhitelist: ApiHandler = (params, { state }) => {
  const userIds = requireMuteIds(params, 'userId');
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  state.mutes.removeFromWhitelist(groupId, userIds);
  return { code: 200 };
};

/** In the order added. */
export const queryWhitelist: ApiHandler = (params, { state }) => {
  const groupId = checkId('groupId', requireParam(params, 'groupId'));
  return { code: 200, userIds: state.mutes.whitelistOf(groupId) };
};
