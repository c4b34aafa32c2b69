// POST /group/ban/add.json and /rollback.json (§3.11, §3.16): mute whole groups; kept across dismiss + re-create.
import { requireMuteIds } from '../params.ts';
import type { ApiHandler } from './handler.ts';

export const banGroups: ApiHandler = (params, { state }) => {
  state.mutes.ban(requireMuteIds(params, 'groupId'));
  return { code: 200 };
};

export const unbanGroups: ApiHandler = (params, { state }) => {
  state.mutes.unban(requireMuteIds(params, 'groupId'));
  return { code: 200 };
};
