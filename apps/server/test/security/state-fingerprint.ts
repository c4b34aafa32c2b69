// A summary of the state a refused request must not change: how many users, groups, memberships and code claims
// exist, and what a watched owner and group look like.
import type { Database } from '@groupchat/db';

export interface Watched {
  ownerId: number;
  groupId: number;
}

export async function stateFingerprint(db: Database, watched: Watched) {
  const [users, groups, liveGroups, memberships, groupCodes, group, owner] = await Promise.all([
    db.users.countDocuments(),
    db.groups.countDocuments(),
    db.groups.countDocuments({ status: 'live' }),
    db.memberships.countDocuments(),
    db.groupCodes.countDocuments(),
    db.groups.findById(watched.groupId, { name: 1, code: 1, cover: 1, ownerId: 1, status: 1 }).lean(),
    db.users.findById(watched.ownerId, { name: 1, nick: 1, avatar: 1, level: 1, username: 1 }).lean(),
  ]);
  return { users, groups, liveGroups, memberships, groupCodes, group, owner };
}
