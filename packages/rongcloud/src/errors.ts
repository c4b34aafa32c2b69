// RongCloudError: the one error type the client throws, carrying the vendor code and retry classification.

/** Local markers for failures that never produced a RongCloud business code. */
export type RongCloudLocalCode = 'timeout' | 'network' | 'aborted' | 'invalid_response';

/** A RongCloud business code (e.g. 1002, 1008) or a local transport marker. */
export type RongCloudErrorCode = number | RongCloudLocalCode;

export interface RongCloudErrorInit {
  code: RongCloudErrorCode;
  endpoint: string;
  retryable: boolean;
  message: string;
  httpStatus?: number | undefined;
  serverMessage?: string | undefined;
  requestId?: string | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

export class RongCloudError extends Error {
  override readonly name = 'RongCloudError';
  readonly code: RongCloudErrorCode;
  /** HTTP status of the last answer; undefined when none arrived (timeout, network, abort, local validation). */
  readonly httpStatus: number | undefined;
  /** True when the same call may succeed later (server trouble, rate limiting, transport, caller abort). */
  readonly retryable: boolean;
  /** API path, e.g. `/group/create.json`. */
  readonly endpoint: string;
  /** RongCloud's `errorMessage`, when the body carried one. */
  readonly serverMessage: string | undefined;
  /** `X-Request-ID` of the last HTTP attempt, for RongCloud support tickets. */
  readonly requestId: string | undefined;
  /** HTTP attempts made before giving up (0 when nothing was sent). */
  readonly attempts: number;

  constructor(init: RongCloudErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.retryable = init.retryable;
    this.endpoint = init.endpoint;
    this.serverMessage = init.serverMessage;
    this.requestId = init.requestId;
    this.attempts = init.attempts ?? 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      endpoint: this.endpoint,
      serverMessage: this.serverMessage,
      requestId: this.requestId,
      attempts: this.attempts,
    };
  }
}
