// The one error type of the domain: a stable code of the contracts' error table, optional messages per field.
// Messages are keys of the contracts' MESSAGES table; the HTTP layer renders them in the caller's language.
import { ERRORS, type ErrorCode, type MessageKey } from '@groupchat/contracts';

export interface AppErrorOptions {
  fields?: Record<string, MessageKey[]>;
  retryAfterSeconds?: number;
  /** Replaces the code's own detail text. */
  detail?: MessageKey;
  /** Replaces the code's own status where one word covers two situations (`code_invalid`: 400 wrong, 404 none). */
  status?: (typeof ERRORS)[ErrorCode]['status'];
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: Record<string, MessageKey[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly detail: MessageKey | undefined;
  readonly status: number;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
    this.status = options.status ?? ERRORS[code].status;
  }
}

export const fieldError = (field: string, message: MessageKey) =>
  new AppError('validation_error', { fields: { [field]: [message] } });
