// Chat groups and the RongCloud token: the documented /api/im/ surface.
import { z } from 'zod';
import { ZId, ZPageQuery, ZUploadedFile } from './common.ts';

export const ZGroup = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string().describe('Face-to-face code; "" for non-members and for groups without one'),
    cover: z.string().url().describe('Absolute URL of the cover (the default cover when unset)'),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof ZGroup>;

export const ZGroupName = z.string().trim().min(1).max(64);

export const ZFaceToFaceCode = z.union([z.string(), z.number().int().nonnegative().transform(String)]).pipe(
  z
    .string()
    .trim()
    .regex(/^(\d{4,8})?$/, { error: 'must be empty or 4 to 8 digits' }),
);

export const ZCreateGroupRequest = z.object({
  name: ZGroupName.describe('Group name, 1–64 characters'),
  code: ZFaceToFaceCode.optional().describe('Face-to-face code: empty, or 4–8 digits'),
  cover: ZUploadedFile.optional().describe('Cover image (multipart): JPEG, PNG, WebP or GIF'),
});
export type CreateGroupRequest = z.infer<typeof ZCreateGroupRequest>;

export const ZImToken = z.object({ key: z.string().describe('RongCloud token for the caller') });

export const ZImTokenQuery = z.object({
  renew: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: ask RongCloud for a new token instead of the cached one'),
});

export const ZJoinGroupRequest = z.object({
  id: ZId.describe('Group id'),
  userid: ZId.describe('Id of the user to pull into the group'),
});
export const ZJoinGroupResponse = z.object({ userid: z.number().int() });

export const ZInviteRequest = z.object({
  id: ZId.describe('Group id'),
  code: ZFaceToFaceCode.describe("The group's face-to-face code"),
});

export const ZUpdateGroupRequest = z.object({
  id: ZId.describe('Group id'),
  name: ZGroupName.optional().describe('New name, 1–64 characters'),
  cover: ZUploadedFile.optional().describe('New cover image (multipart): JPEG, PNG, WebP or GIF'),
});
export type UpdateGroupRequest = z.infer<typeof ZUpdateGroupRequest>;

export const ZMembersQuery = ZPageQuery.extend({ id: ZId.describe('Group id') });
