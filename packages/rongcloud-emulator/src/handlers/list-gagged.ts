// POST /group/user/gag/list.json (§3.11, §3.16): active gags with their start and end in the data centre's time.
import { formatServerTime } from '../format-server-time.ts';
import { readGagScope } from './gag-members.ts';
import type { ApiHandler } from './handler.ts';

export const listGagged: ApiHandler = (params, { state, now, serverTimeZone }) => {
  const users = state.mutes.gagsOf(readGagScope(params), now).map((gag) => ({
    startTime: formatServerTime(gag.startedAt, serverTimeZone),
    // RongCloud's `time` for a permanent gag is unconfirmed; an empty string cannot be mistaken for an end.
    // A timed end is rounded up to the second, so a reader never sees a gag end before it does.
    time: gag.until === null ? '' : formatServerTime(Math.ceil(gag.until / 1000) * 1000, serverTimeZone),
    userId: gag.userId,
  }));
  return { code: 200, users };
};
