// Roles and rank: the owner is the group's `ownerId`, admins are its `adminIds`, everyone else in the group is a
// member. An actor acts on a target only of strictly lower rank (docs/api.md#governance).
import type { Role } from '@groupchat/contracts';
import { type GroupDoc, membershipId } from '@groupchat/db';
import { AppError } from '../shared/app-error.ts';
import type { CoreDeps } from '../shared/deps.ts';

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/** The role of a member of `group` (the caller must know `userId` is a member). */
export function roleIn(group: Pick<GroupDoc, 'ownerId' | 'adminIds'>, userId: number): Role {
  if (group.ownerId === userId) return 'owner';
  return group.adminIds.includes(userId) ? 'admin' : 'member';
}

export const outranks = (actor: Role, target: Role) => RANK[actor] > RANK[target];

/** The caller's role, refused with 403 unless the caller is a member of one of `allowed` roles. */
export async function requireRole(
  deps: CoreDeps,
  group: GroupDoc,
  userId: number,
  allowed: readonly Role[],
): Promise<{ role: Role }> {
  const role = roleIn(group, userId);
  if (!allowed.includes(role)) throw new AppError('permission_denied');
  // The owner is a member by the group's own rule; anyone else has to be found among the members.
  if (role !== 'owner' && !(await deps.db.memberships.exists({ _id: membershipId(group._id, userId) }))) {
    throw new AppError('permission_denied');
  }
  return { role };
}

export const STAFF: readonly Role[] = ['owner', 'admin'];
