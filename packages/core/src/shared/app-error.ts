// The one error type of the domain: a stable code from the contracts' table, optional per-field messages.
import type { ErrorCode } from '@groupchat/contracts';

/** A message in both languages the API speaks; the HTTP layer picks one per request. */
export interface LocalizedText {
  zh: string;
  en: string;
}

export interface AppErrorOptions {
  fields?: Record<string, LocalizedText[]>;
  retryAfterSeconds?: number;
  detail?: LocalizedText;
  cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly fields: Record<string, LocalizedText[]> | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly detail: LocalizedText | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
  }
}

export const fieldError = (field: string, text: LocalizedText) =>
  new AppError('validation_error', { fields: { [field]: [text] } });
