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
}

export interface RongCloudGroupSummary {
  id: string;
  name: string;
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
}

export interface RongCloudClient {
  user: RongCloudUserApi;
  group: RongCloudGroupApi;
}
