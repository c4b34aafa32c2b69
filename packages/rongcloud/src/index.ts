// Public API of @groupchat/rongcloud: a typed client for RongCloud's IM Server API (users, groups, mutes).
export { computeBackoffDelay } from './backoff.ts';
export { createRongCloudClient } from './create-client.ts';
export { RONGCLOUD_DOMAINS, type RongCloudRegion } from './domains.ts';
export { RongCloudError, type RongCloudErrorCode, type RongCloudLocalCode } from './errors.ts';
export { signRequest } from './sign-request.ts';
export type {
  CallOptions,
  RongCloudClient,
  RongCloudConfig,
  RongCloudFetch,
  RongCloudGaggedMember,
  RongCloudGroupApi,
  RongCloudGroupMuteState,
  RongCloudGroupSummary,
  RongCloudLogger,
  RongCloudMessageApi,
  RongCloudServerTimeZone,
  RongCloudUserApi,
} from './types.ts';
