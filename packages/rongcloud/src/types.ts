// Public types of the RongCloud client: configuration, per-call options, logger and the client surface.

/** Per-call options. `signal` is the caller's overall deadline; aborting it stops the call at once. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Structured logger; pino's and console's method shapes both fit. Never receives the App Secret. */
export interface RongCloudLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The subset of `fetch` the client uses, so tests and callers can inject their own. */
export type RongCloudFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The time zone of the wall-clock times RongCloud answers with (the gag list's `time`, §3.11). It depends on
 * the app's data centre: Beijing time (`'UTC+8'`) for the China domains, `'UTC'` for Singapore, North America
 * and Saudi Arabia. Beijing has no daylight saving time, so a fixed offset is exact.
 */
export type RongCloudServerTimeZone = 'UTC+8' | 'UTC';

export interface RongCloudConfig {
  appKey: string;
  appSecret: string;
  /** Server API base URLs, primary first (see RONGCLOUD_DOMAINS). */
  baseUrls: readonly string[];
  /** Timeout of one HTTP attempt, in ms (default 10000). */
  timeoutMs?: number;
  /** Retries after the first attempt, failover retries included (default 3). */
  maxRetries?: number;
  /** Base of the exponential backoff, in ms (default 200). */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff delay, in ms (default 5000). */
  retryMaxDelayMs?: number;
  fetch?: RongCloudFetch;
  logger?: RongCloudLogger;
  /** Default `'UTC+8'`, right for RONGCLOUD_DOMAINS.beijing; set `'UTC'` for every other data centre. */
  serverTimeZone?: RongCloudServerTimeZone;
}

export interface RongCloudGroupSummary {
  id: string;
  name: string;
}

/** A member muted in one group (§3.11). */
export interface RongCloudGaggedMember {
  userId: string;
  /** When the gag ends by itself; `null` for a gag until lifted (`minutes: 0`). */
  until: Date | null;
}

/** Whether a group is muted as a whole ("ban", §3.11). */
export interface RongCloudGroupMuteState {
  groupId: string;
  muted: boolean;
}

export interface RongCloudUserApi {
  getToken(
    input: { userId: string; name: string; portraitUri?: string },
    opts?: CallOptions,
  ): Promise<{ userId: string; token: string }>;
  refresh(input: { userId: string; name?: string; portraitUri?: string }, opts?: CallOptions): Promise<void>;
  queryGroups(
    input: { userId: string; page?: number; size?: number },
    opts?: CallOptions,
  ): Promise<Array<RongCloudGroupSummary>>;
}

export interface RongCloudGroupApi {
  create(input: { groupId: string; groupName: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  join(input: { groupId: string; groupName?: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  quit(input: { groupId: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  dismiss(input: { groupId: string; userId: string }, opts?: CallOptions): Promise<void>;
  refresh(input: { groupId: string; groupName: string }, opts?: CallOptions): Promise<void>;
  queryMembers(input: { groupId: string }, opts?: CallOptions): Promise<string[]>;
  sync(input: { userId: string; groups: Array<RongCloudGroupSummary> }, opts?: CallOptions): Promise<void>;
  /** Mutes members of a group for `minutes` (1–43200), or until lifted with `0`; a repeat sets a new end. */
  gagMembers(
    input: { groupId: string; userIds: string[]; minutes: number },
    opts?: CallOptions,
  ): Promise<void>;
  ungagMembers(input: { groupId: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  /** The group's muted members, in RongCloud's order; expired gags are not listed. */
  listGagged(input: { groupId: string }, opts?: CallOptions): Promise<Array<RongCloudGaggedMember>>;
  /** Mutes whole groups; kept by RongCloud across dismiss and re-create. */
  muteAll(input: { groupIds: string[] }, opts?: CallOptions): Promise<void>;
  unmuteAll(input: { groupIds: string[] }, opts?: CallOptions): Promise<void>;
  /** One entry per group RongCloud reports on, in its order (the emulator reports on every group asked). */
  queryMuteAll(input: { groupIds: string[] }, opts?: CallOptions): Promise<Array<RongCloudGroupMuteState>>;
  /** Members who may still speak while the group is muted as a whole; a member's own gag still wins. */
  addToMuteWhitelist(input: { groupId: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  removeFromMuteWhitelist(input: { groupId: string; userIds: string[] }, opts?: CallOptions): Promise<void>;
  queryMuteWhitelist(input: { groupId: string }, opts?: CallOptions): Promise<string[]>;
}

export interface RongCloudMessageApi {
  /**
   * Publishes one message to up to 3 groups, or, with `toUserIds`, to those members of one group only. RongCloud
   * allows 20 a second per app, each target group counting once; past it the call fails with 1008 (HTTP 429).
   */
  publishGroup(
    input: {
      fromUserId: string;
      groupIds: string[];
      toUserIds?: string[];
      objectName: string;
      /** Sent as JSON text. */
      content: Record<string, unknown>;
      pushContent?: string;
      isMentioned?: boolean;
      isIncludeSender?: boolean;
    },
    opts?: CallOptions,
  ): Promise<void>;
}

export interface RongCloudClient {
  user: RongCloudUserApi;
  group: RongCloudGroupApi;
  message: RongCloudMessageApi;
}
