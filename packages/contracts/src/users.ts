// Accounts: registration, login, the user object and profile changes.
import { z } from 'zod';
import { ZUploadedFile } from './common.ts';

export const USER_LEVELS = ['', 'A', 'B', 'C', 'D'] as const;
export type UserLevel = (typeof USER_LEVELS)[number];

const ZName = z.string().trim().max(64);

export const ZUser = z
  .object({
    id: z.number().int(),
    name: z.string().describe('Real name'),
    nick: z.string().describe('Nickname'),
    avatar: z.string().url().describe('Absolute URL of the avatar (a default one when unset)'),
    username: z.string().describe('Login phone number'),
    level: z.enum(USER_LEVELS).describe('Certification level, set only by an operator'),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof ZUser>;

export const ZUsername = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { error: 'must be a mainland mobile number: 11 digits starting with 1' });

export const ZRegisterRequest = z.object({
  username: ZUsername.describe('Mainland mobile number, 11 digits starting with 1'),
  password: z.string().min(8).max(128).describe('At least 8 characters'),
  name: ZName.optional().describe('Real name'),
  nick: ZName.optional().describe('Nickname'),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZRegisterResponse = ZUser.extend({
  token: z.string().describe('API token for `Authorization: Token …`'),
});

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZLoginResponse = z.object({ token: z.string() });

export const ZUpdateMeRequest = z.object({
  name: ZName.optional().describe('Real name'),
  nick: ZName.optional().describe('Nickname'),
  avatar: ZUploadedFile.optional().describe('Avatar image (multipart): JPEG, PNG, WebP or GIF'),
});
export type UpdateMeRequest = z.infer<typeof ZUpdateMeRequest>;
