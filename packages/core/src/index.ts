// The domain: accounts and groups behind services that take (deps, caller, input) and return contract shapes;
// media storage, RongCloud mirroring and its reconciler, and the one error type.
export { authenticate, tokenFromAuthorizationHeader } from './accounts/auth-tokens.ts';
export {
  anonymousCaller,
  type Caller,
  identifyCaller,
  requireSignedIn,
  type SignedInCaller,
} from './accounts/caller.ts';
export { getImToken } from './accounts/im-token.ts';
export { login } from './accounts/login.ts';
export { logout } from './accounts/logout.ts';
export { getMe, setUserLevel, updateMe } from './accounts/profile.ts';
export { register } from './accounts/register.ts';
export { addAdmin, removeAdmin } from './groups/admins.ts';
export { listBans, unban } from './groups/bans.ts';
export { joinWithCode, previewCode } from './groups/code-alone.ts';
export { createGroup } from './groups/create-group.ts';
export {
  acceptInvitation,
  declineInvitation,
  listInvitations,
} from './groups/invitations.ts';
export { addMember, joinByCode } from './groups/join-group.ts';
export { kickMembers } from './groups/kick-members.ts';
export { dismissGroup, quitGroup } from './groups/leave-group.ts';
export { listMembers } from './groups/list-members.ts';
export { muteMember, setMuteAll, unmuteMember } from './groups/mutes.ts';
export { listGroups, retrieveGroup } from './groups/read-groups.ts';
export { transferOwnership } from './groups/transfer-ownership.ts';
export { updateGroup } from './groups/update-group.ts';
export {
  createLocalMediaStore,
  DEFAULT_MEDIA_DIR,
  type MediaObject,
  type MediaStore,
} from './media/media-store.ts';
export { createS3MediaStore, type S3MediaStoreOptions } from './media/s3-media-store.ts';
export { createMessageRate, type MessageRate } from './rongcloud/message-rate.ts';
export {
  type PassReport,
  type ReconcilerOptions,
  type RunningReconciler,
  startReconciler,
} from './rongcloud/reconciler.ts';
export { type RongCloudDeps, rongCloudGroupId, rongCloudUserId } from './rongcloud/rongcloud-deps.ts';
export { countOutOfStep } from './rongcloud/sync.ts';
export { registerSystemSender } from './rongcloud/system-sender.ts';
export { AppError } from './shared/app-error.ts';
export { isDatabaseUnreachable } from './shared/database-unreachable.ts';
export type { CoreDeps, CoreSettings } from './shared/deps.ts';
