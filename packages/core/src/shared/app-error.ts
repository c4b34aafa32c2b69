// The one error type of the domain: a stable code of the contracts' error table, optional messages per field.
// Messages are keys of the contracts' MESSAGES table; the HTTP layer renders them in the caller's language.
import type { ErrorCode, MessageKey } from '@groupchat/contracts';

export interface AppErrorOptions {
  fields?: Record<string, MessageKey[]>;
  retryAfterSeconds?: number;
  /** Replaces the code's own detail text. */
  detail?: MessageKey;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: Record<string, MessageKey[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly detail: MessageKey | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
  }
}

export const fieldError = (field: string, message: MessageKey) =>
  new AppError('validation_error', { fields: { [field]: [message] } });
