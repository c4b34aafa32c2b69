// The one error table: every stable error code with its HTTP status and texts, the texts of field and detail
// messages, and the envelope every client sees. Every layer takes its statuses and words from here.
import { z } from 'zod';

export const ERRORS = {
  validation_error: { status: 400, zh: '输入数据有误。', en: 'Invalid input.' },
  parse_error: { status: 400, zh: '请求体无法解析。', en: 'The request body could not be parsed.' },
  bad_request: { status: 400, zh: '请求格式有误。', en: 'The request is malformed.' },
  not_authenticated: {
    status: 401,
    zh: '身份认证信息未提供。',
    en: 'Authentication credentials were not provided.',
  },
  authentication_failed: { status: 401, zh: '认证令牌无效。', en: 'Invalid token.' },
  invalid_credentials: {
    status: 400,
    zh: '用户名或密码错误。',
    en: 'Unable to log in with the provided credentials.',
  },
  permission_denied: {
    status: 403,
    zh: '您没有执行该操作的权限。',
    en: 'You do not have permission to perform this action.',
  },
  not_found: { status: 404, zh: '未找到。', en: 'Not found.' },
  method_not_allowed: { status: 405, zh: '方法不被允许。', en: 'Method not allowed.' },
  request_timeout: { status: 408, zh: '请求超时。', en: 'The request took too long.' },
  code_taken: {
    status: 409,
    zh: '该面对面号码正在被其他群组使用。',
    en: 'This face-to-face code is in use by another group.',
  },
  code_invalid: { status: 400, zh: '面对面号码错误。', en: 'Wrong face-to-face code.' },
  code_expired: { status: 400, zh: '面对面号码已过期。', en: 'The face-to-face code has expired.' },
  group_full: { status: 409, zh: '群组人数已满。', en: 'The group is full.' },
  too_many_groups: { status: 409, zh: '加入的群组数量已达上限。', en: 'You are in too many groups.' },
  too_many_admins: { status: 409, zh: '管理员数量已达上限。', en: 'The group has as many admins as it may.' },
  banned: { status: 403, zh: '该用户已被禁止加入此群组。', en: 'This user is banned from this group.' },
  file_too_large: { status: 413, zh: '上传的文件过大。', en: 'The uploaded file is too large.' },
  payload_too_large: { status: 413, zh: '请求体过大。', en: 'The request body is too large.' },
  unsupported_media_type: { status: 415, zh: '不支持的媒体类型。', en: 'Unsupported media type.' },
  headers_too_large: { status: 431, zh: '请求头过大。', en: 'The request headers are too large.' },
  throttled: { status: 429, zh: '请求过于频繁，请稍后再试。', en: 'Request was throttled. Try again later.' },
  internal_error: { status: 500, zh: '服务器内部错误。', en: 'Internal server error.' },
  service_unavailable: {
    status: 503,
    zh: '服务暂时不可用，请稍后再试。',
    en: 'Service temporarily unavailable.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;
export const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

export const ZErrorEnvelope = z
  .object({
    detail: z
      .string()
      .describe('Human-readable message: Chinese by default, English for `Accept-Language: en`'),
    code: z.enum(ERROR_CODES).describe('Stable machine-readable error code'),
    fields: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('Validation errors per input field (only with `validation_error`)'),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof ZErrorEnvelope>;

/** Messages attached to a field or replacing an error's detail; keys, never texts, travel inside AppError. */
export const MESSAGES = {
  username_taken: { zh: '该手机号已注册。', en: 'A user with that phone number already exists.' },
  user_not_found: { zh: '该用户不存在。', en: 'No user with this id.' },
  code_in_use: { zh: '该面对面号码正在被其他群组使用。', en: 'This code is in use by another group.' },
  not_an_image: {
    zh: '请上传 JPEG、PNG、WebP 或 GIF 格式的有效图片。',
    en: 'Upload a valid JPEG, PNG, WebP or GIF image.',
  },
  image_too_large: { zh: '图片尺寸过大。', en: 'The image dimensions are too large.' },
  not_a_file: { zh: '提交的数据不是文件。', en: 'The submitted data was not a file.' },
  invalid_upload: { zh: '上传内容不符合要求。', en: 'The upload does not meet the requirements.' },
  invalid_page: { zh: '无效页面。', en: 'Invalid page.' },
  token_header_empty: {
    zh: '没有提供认证信息（认证令牌HTTP头无效）。',
    en: 'Invalid token header. No credentials provided.',
  },
  token_header_spaces: {
    zh: '认证令牌字符串不应该包含空格（无效的认证令牌HTTP头）。',
    en: 'Invalid token header. Token string should not contain spaces.',
  },
  token_header_characters: {
    zh: '无效的Token。Token字符串不能包含非法的字符。',
    en: 'Invalid token header. Token string should not contain invalid characters.',
  },
  kick_self: { zh: '不能将自己移出群组。', en: 'You cannot remove yourself; quit instead.' },
  not_a_member: { zh: '该用户不是群成员。', en: 'This user is not a member of the group.' },
  transfer_self: { zh: '您已是群主。', en: 'You are the owner already.' },
  invalid_text: {
    zh: '请输入可见的文字，不能包含控制字符或不可见字符。',
    en: 'Enter visible text, without control or invisible characters.',
  },
  media_store_unavailable: {
    zh: '图片存储暂时不可用，请稍后再试。',
    en: 'Image storage is temporarily unavailable; try again later.',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;
