// How core reaches RongCloud: the client, the id prefix of this deployment, and the deadline of in-request calls.
import type { RongCloudClient } from '@groupchat/rongcloud';
import type { MessageRate } from './message-rate.ts';

export interface RongCloudDeps {
  client: RongCloudClient;
  /** Letters and digits put before every id, so several deployments can share one RongCloud app. */
  idPrefix: string;
  /** Identifies the app key and secret in use (a hash, never the secret), to know when cached tokens are void. */
  credentialsTag: string;
  /** How long a request waits for RongCloud before committing anyway and leaving the repair to the reconciler. */
  requestDeadlineMs: number;
  /** Names this process in leases; unique per process. */
  instanceId: string;
  /** A lease older than this is presumed abandoned (its holder crashed) and may be taken over. */
  leaseTtlMs: number;
  /** Backoff between failed repairs of one target: doubling from base, capped at max, jittered. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /**
   * How long RongCloud may still apply a call after we stopped waiting for it (a timeout tells us nothing about
   * the call). After a failed call the target is held at least this long, so that no later call, and no repair
   * reading RongCloud's state, can be overtaken by the stale one.
   */
  lateApplyMs: number;
  /** The RongCloud user id that in-chat notices come from (RONGCLOUD_SYSTEM_USER_ID behind the prefix). */
  systemUserId: string;
  /** This instance's share of RongCloud's group-message rate. */
  messageRate: MessageRate;
}

export const rongCloudUserId = (deps: RongCloudDeps, userId: number) => `${deps.idPrefix}${userId}`;
export const rongCloudGroupId = (deps: RongCloudDeps, groupId: number) => `${deps.idPrefix}${groupId}`;
