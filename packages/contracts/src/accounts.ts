// Accounts: registration, login, the caller's profile and RongCloud token.
import { z } from 'zod';
import { humanText } from './text.ts';

export const USER_LEVELS = ['', 'A', 'B', 'C', 'D'] as const;
export type UserLevel = (typeof USER_LEVELS)[number];

const ZPersonName = humanText({ min: 0, max: 64 });

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

export const GROUP_INVITES = ['anyone', 'approval'] as const;
export const ZGroupInvites = z
  .enum(GROUP_INVITES)
  .describe('"anyone": members may pull this user into groups; "approval": they send an invitation instead');
export type GroupInvites = z.infer<typeof ZGroupInvites>;

/** The caller as they see themselves: a User plus their own settings, which nobody else ever sees. */
export const ZMe = ZUser.extend({ group_invites: ZGroupInvites }).meta({ id: 'Me' });
export type Me = z.infer<typeof ZMe>;

export const ZUsername = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, { error: 'must be a mainland mobile number: 11 digits starting with 1' });

export const ZRegisterRequest = z.object({
  username: ZUsername.describe('Mainland mobile number, 11 digits starting with 1'),
  password: z.string().min(8).max(128).describe('At least 8 characters'),
  name: ZPersonName.optional().describe('Real name'),
  nick: ZPersonName.optional().describe('Nickname'),
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZRegisterResponse = ZUser.extend({
  token: z.string().describe('API token for `Authorization: Token …`'),
});
export type RegisterResponse = z.infer<typeof ZRegisterResponse>;

export const ZLoginRequest = z.object({
  username: z.string().trim().min(1).max(32),
  password: z.string().min(1).max(128),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZLoginResponse = z.object({ token: z.string() });
export type LoginResponse = z.infer<typeof ZLoginResponse>;

/** The avatar file is not part of it: it travels only as a multipart upload of the REST layer. */
export const ZUpdateMeRequest = z.object({
  name: ZPersonName.optional().describe('Real name'),
  nick: ZPersonName.optional().describe('Nickname'),
  group_invites: ZGroupInvites.optional(),
});
export type UpdateMeRequest = z.infer<typeof ZUpdateMeRequest>;

export const ZGetImTokenRequest = z.object({
  renew: z.boolean().optional().describe('true: ask RongCloud for a new token instead of the cached one'),
});
export type GetImTokenRequest = z.infer<typeof ZGetImTokenRequest>;

export const ZImToken = z.object({ key: z.string().describe('RongCloud token for the caller') });
export type ImToken = z.infer<typeof ZImToken>;
