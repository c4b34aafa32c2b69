// Chat groups: creation, reads, membership, face-to-face codes and governance (roles, kicks, bans, mutes).
import { z } from 'zod';
import { ZUser } from './accounts.ts';
import { ZGroupIdRequest, ZId, ZPageQuery } from './common.ts';
import { humanText } from './text.ts';

export const ROLES = ['owner', 'admin', 'member'] as const;
export const ZRole = z.enum(ROLES).describe('owner > admin > member');
export type Role = z.infer<typeof ZRole>;

export const MAX_MUTE_MINUTES = 43_200;

export const ZGroup = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string().describe('Face-to-face code; "" for non-members and for groups without one'),
    cover: z.string().url().describe('Absolute URL of the cover (the default cover when unset)'),
    owner: z.number().int().describe('User id of the owner'),
    member_count: z.number().int().describe('Members, the owner included'),
    role: ZRole.nullable().describe("The caller's role; null for non-members and anonymous callers"),
    announcement: z.string().describe('"" when none; like `code`, "" for non-members'),
    all_muted: z.boolean().describe('Only the owner and admins may speak while true'),
    created_at: z.string().describe('ISO 8601, UTC'),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof ZGroup>;

export const ZMember = ZUser.extend({
  username: z.string().describe("Login phone number, masked (138****5678) for all but the caller's own"),
  role: ZRole,
  joined_at: z.string().describe('ISO 8601, UTC'),
  muted: z.boolean(),
  muted_until: z.string().nullable().describe('ISO 8601; null when not muted or muted until lifted'),
}).meta({ id: 'Member' });
export type Member = z.infer<typeof ZMember>;

export const ZGroupName = humanText({ min: 1, max: 64 });
/** The announcement: "" clears it. */
export const ZAnnouncement = humanText({ min: 0, max: 1000 });

export const ZFaceToFaceCode = z
  .string()
  .trim()
  .regex(/^(\d{4,8})?$/, { error: 'must be empty or 4 to 8 digits' });

/** The cover file is not part of it: it travels only as a multipart upload of the REST layer. */
export const ZCreateGroupRequest = z.object({
  name: ZGroupName.describe('Group name, 1–64 characters'),
  code: ZFaceToFaceCode.optional().describe('Face-to-face code: empty, or 4–8 digits'),
});
export type CreateGroupRequest = z.infer<typeof ZCreateGroupRequest>;

export const ZListGroupsRequest = ZPageQuery;
export type ListGroupsRequest = z.infer<typeof ZListGroupsRequest>;

export const ZRetrieveGroupRequest = ZGroupIdRequest;

export const ZUpdateGroupRequest = ZGroupIdRequest.extend({
  name: ZGroupName.optional().describe('New name, 1–64 characters'),
  announcement: ZAnnouncement.optional().describe('0–1,000 characters; "" clears it'),
});
export type UpdateGroupRequest = z.infer<typeof ZUpdateGroupRequest>;

export const ZAddMemberRequest = ZGroupIdRequest.extend({
  userid: ZId.describe('Id of the user to pull into the group'),
});
export type AddMemberRequest = z.infer<typeof ZAddMemberRequest>;

export const ZAddMemberResponse = z.object({
  userid: z.number().int(),
  invitation: z
    .number()
    .int()
    .optional()
    .describe(
      'Present when the user asked for approval: the pending invitation sent instead (REST answers 202)',
    ),
});
export type AddMemberResponse = z.infer<typeof ZAddMemberResponse>;

export const ZJoinByCodeRequest = ZGroupIdRequest.extend({
  code: ZFaceToFaceCode.describe("The group's face-to-face code"),
});
export type JoinByCodeRequest = z.infer<typeof ZJoinByCodeRequest>;

/** Face to face by code alone: the digits are all people standing together share, not the group's id. */
export const ZCodeRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4,8}$/, { error: 'must be 4 to 8 digits' })
    .describe("A live group's face-to-face code"),
});
export type CodeRequest = z.infer<typeof ZCodeRequest>;

export const ZCodePreview = z
  .object({
    id: z.number().int(),
    name: z.string(),
    cover: z.string().url().describe('Absolute URL of the cover (the default cover when unset)'),
    member_count: z.number().int(),
  })
  .meta({ id: 'CodePreview' });
export type CodePreview = z.infer<typeof ZCodePreview>;

export const ZQuitGroupRequest = ZGroupIdRequest;
export const ZDismissGroupRequest = ZGroupIdRequest;

export const ZListMembersRequest = ZPageQuery.extend({ id: ZId.describe('Group id') });
export type ListMembersRequest = z.infer<typeof ZListMembersRequest>;

const ZTargetRequest = ZGroupIdRequest.extend({ userid: ZId.describe('Id of the member acted on') });
export type TargetRequest = z.infer<typeof ZTargetRequest>;

export const ZKickRequest = ZGroupIdRequest.extend({
  userids: z.array(ZId).min(1).max(100).describe('1–100 user ids; non-members among them are skipped'),
  block: z.boolean().optional().describe('Also ban them from coming back'),
});
export type KickRequest = z.infer<typeof ZKickRequest>;
export const ZKickResponse = z.object({ userids: z.array(z.number().int()).describe('The users removed') });
export type KickResponse = z.infer<typeof ZKickResponse>;

export const ZTransferRequest = ZTargetRequest;
export const ZAddAdminRequest = ZTargetRequest;
export const ZRemoveAdminRequest = ZTargetRequest;
export const ZUserIdResponse = z.object({ userid: z.number().int() });
export type UserIdResponse = z.infer<typeof ZUserIdResponse>;

export const ZMuteRequest = ZTargetRequest.extend({
  minutes: z
    .number()
    .int()
    .min(1)
    .max(MAX_MUTE_MINUTES)
    .optional()
    .describe(`1–${MAX_MUTE_MINUTES} minutes; absent = until lifted`),
});
export type MuteRequest = z.infer<typeof ZMuteRequest>;
export const ZMuteResponse = z.object({
  userid: z.number().int(),
  muted_until: z.string().nullable().describe('ISO 8601; null = until lifted'),
});
export type MuteResponse = z.infer<typeof ZMuteResponse>;
export const ZUnmuteRequest = ZTargetRequest;

export const ZMuteAllRequest = ZGroupIdRequest.extend({ enabled: z.boolean() });
export type MuteAllRequest = z.infer<typeof ZMuteAllRequest>;

export const ZListBansRequest = ZListMembersRequest;
export const ZBan = z
  .object({
    id: z.number().int(),
    nick: z.string(),
    avatar: z.string().url(),
    banned_at: z.string().describe('ISO 8601, UTC'),
  })
  .meta({ id: 'Ban' });
export type Ban = z.infer<typeof ZBan>;
export const ZUnbanRequest = ZTargetRequest;
