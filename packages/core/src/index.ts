// The domain: accounts, groups and media, behind services that take (deps, options).
export {
  authenticate,
  issueToken,
  revokeToken,
  tokenFromAuthorizationHeader,
} from './accounts/auth-tokens.ts';
export { login } from './accounts/login.ts';
export { hashPassword, verifyPassword } from './accounts/passwords.ts';
export { setUserLevel, updateProfile } from './accounts/profile.ts';
export { register } from './accounts/register.ts';
export { createGroup } from './groups/create-group.ts';
export { joinByCode, pullIntoGroup } from './groups/join-group.ts';
export { dismissGroup, quitGroup } from './groups/leave-group.ts';
export { listMembers } from './groups/list-members.ts';
export { findLiveGroup, isMember, listMyGroups } from './groups/read-groups.ts';
export { updateGroup } from './groups/update-group.ts';
export {
  createLocalMediaStore,
  DEFAULT_MEDIA_DIR,
  type MediaStore,
} from './media/media-store.ts';
export { getImToken } from './rongcloud/im-token.ts';
export { countOutOfStep } from './rongcloud/outbox.ts';
export {
  type PassReport,
  type ReconcilerOptions,
  type RunningReconciler,
  reconcileOnce,
  startReconciler,
} from './rongcloud/reconciler.ts';
export { type RongCloudDeps, rongCloudGroupId, rongCloudUserId } from './rongcloud/rongcloud-deps.ts';
export { AppError, type LocalizedText } from './shared/app-error.ts';
export { isDatabaseUnreachable } from './shared/database-unreachable.ts';
export type { CoreDeps, CoreSettings } from './shared/deps.ts';
export { buildPage, pageWindow } from './shared/pagination.ts';
export { toGroup, toUser } from './shared/to-contract.ts';
