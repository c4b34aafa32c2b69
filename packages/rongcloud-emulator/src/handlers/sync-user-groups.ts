// POST /group/sync.json (§3.9): `group[<id>]=<name>` keys replace all of the user's memberships.
import type { GroupRef } from '../emulator-state.ts';
import { checkId, checkIdCount, checkName, groupFullError, requireParam } from '../params.ts';
import type { ApiHandler } from './handler.ts';

/** Keys arrive percent-decoded by the form parser, so `group%5B1%5D` and `group[1]` both land here. */
const GROUP_KEY = /^group\[(.*)\]$/s;

function readGroups(params: URLSearchParams): GroupRef[] {
  const groups = new Map<string, string>();
  for (const [key, value] of params) {
    const match = GROUP_KEY.exec(key);
    if (!match) continue;
    groups.set(checkId('groupId', match[1] ?? ''), checkName('groupName', value));
  }
  checkIdCount('group', groups.size);
  return [...groups].map(([id, name]) => ({ id, name }));
}

export const syncUserGroups: ApiHandler = (params, { state, maxMembers }) => {
  const userId = checkId('userId', requireParam(params, 'userId'));
  const groups = readGroups(params);
  if (state.syncUserGroups(userId, groups, maxMembers) === 'over_capacity') throw groupFullError(maxMembers);
  return { code: 200 };
};
