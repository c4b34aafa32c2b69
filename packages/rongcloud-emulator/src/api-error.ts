// ApiError: a RongCloud error answer, `{"code":N,"errorMessage":"…"}` with its HTTP status (§4).

/** Business codes from §4.2 that the emulator can produce. */
export const ErrorCode = {
  userNotFound: 400,
  notFound: 404,
  methodNotAllowed: 405,
  internal: 1000,
  badAppKey: 1001,
  badParam: 1002,
  badSignature: 1004,
  tooLong: 1005,
  rateLimited: 1008,
  bodyTooLarge: 1508,
} as const;

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly httpStatus: number;
  readonly code: number;

  constructor(httpStatus: number, code: number, message: string) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }
}

export function badParam(message: string): ApiError {
  return new ApiError(400, ErrorCode.badParam, message);
}

export function tooLong(message: string): ApiError {
  return new ApiError(400, ErrorCode.tooLong, message);
}
