// Public surface of the persistence package: connection, models and their document types.
export { type CommandStarted, commandLabel, onCommand } from './command-monitor.ts';
export {
  type ConnectOptions,
  connectDatabase,
  type Database,
  insertWithNextId,
  isDuplicateKeyError,
  type Models,
} from './database.ts';
export type { AuthTokenDoc } from './models/auth-token.ts';
export type { GroupDoc, GroupNoticeDoc, GroupStatus } from './models/group.ts';
export { type GroupBanDoc, groupBanId } from './models/group-ban.ts';
export type { GroupCodeDoc } from './models/group-code.ts';
export type { InvitationDoc } from './models/invitation.ts';
export { type MembershipDoc, membershipId } from './models/membership.ts';
export {
  countOutOfStepTargets,
  OUT_OF_STEP,
  type SyncStateDoc,
  type SyncTargetKind,
} from './models/sync-state.ts';
export type { ThrottleEventDoc } from './models/throttle.ts';
export type { ImTokenCache, UserDoc } from './models/user.ts';
