// The ban list of a group, newest first, and lifting a ban; for the owner and admins.
import {
  type Ban,
  type Detail,
  type ListMembersRequest,
  type Page,
  SUCCESS_DETAIL,
  type TargetRequest,
} from '@groupchat/contracts';
import { groupBanId } from '@groupchat/db';
import type { SignedInCaller } from '../accounts/caller.ts';
import type { CoreDeps } from '../shared/deps.ts';
import { buildPage, pageWindow } from '../shared/pagination.ts';
import { toBan } from '../shared/to-contract.ts';
import { findLiveGroup } from './read-groups.ts';
import { requireRole, STAFF } from './roles.ts';

export async function listBans(
  deps: CoreDeps,
  caller: SignedInCaller,
  input: ListMembersRequest,
): Promise<Page<Ban>> {
  const { id: groupId, ...query } = input;
  const group = await findLiveGroup(deps, groupId);
  await requireRole(deps, group, caller.user._id, STAFF);
  const { skip, pageSize } = pageWindow(query);
  const [count, bans] = await Promise.all([
    deps.db.groupBans.countDocuments({ groupId }),
    deps.db.groupBans.find({ groupId }).sort({ bannedAt: -1, _id: -1 }).skip(skip).limit(pageSize).lean(),
  ]);
  const users = await deps.db.users.find({ _id: { $in: bans.map((ban) => ban.userId) } }).lean();
  const byId = new Map(users.map((user) => [user._id, user]));
  const view = { media: deps.media, baseUrl: caller.baseUrl };
  const results = bans.map((ban) => toBan(ban, byId.get(ban.userId), view));
  return buildPage(query, { count, results, url: `${caller.baseUrl}/api/im/group/${groupId}/bans/` });
}

export async function unban(deps: CoreDeps, caller: SignedInCaller, input: TargetRequest): Promise<Detail> {
  const group = await findLiveGroup(deps, input.id);
  await requireRole(deps, group, caller.user._id, STAFF);
  await deps.db.groupBans.deleteOne({ _id: groupBanId(group._id, input.userid) });
  return { detail: SUCCESS_DETAIL };
}
