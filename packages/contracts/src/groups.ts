// Chat groups: creation, reads, membership and face-to-face codes.
import { z } from 'zod';
import { ZGroupIdRequest, ZId, ZPageQuery } from './common.ts';
import { humanText } from './text.ts';

export const ZGroup = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string().describe('Face-to-face code; "" for non-members and for groups without one'),
    cover: z.string().url().describe('Absolute URL of the cover (the default cover when unset)'),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof ZGroup>;

export const ZGroupName = humanText({ min: 1, max: 64 });
/** For the announcement of docs/api.md (planned): "" clears it. */
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
});
export type UpdateGroupRequest = z.infer<typeof ZUpdateGroupRequest>;

export const ZAddMemberRequest = ZGroupIdRequest.extend({
  userid: ZId.describe('Id of the user to pull into the group'),
});
export type AddMemberRequest = z.infer<typeof ZAddMemberRequest>;

export const ZAddMemberResponse = z.object({ userid: z.number().int() });
export type AddMemberResponse = z.infer<typeof ZAddMemberResponse>;

export const ZJoinByCodeRequest = ZGroupIdRequest.extend({
  code: ZFaceToFaceCode.describe("The group's face-to-face code"),
});
export type JoinByCodeRequest = z.infer<typeof ZJoinByCodeRequest>;

export const ZQuitGroupRequest = ZGroupIdRequest;
export const ZDismissGroupRequest = ZGroupIdRequest;

export const ZListMembersRequest = ZPageQuery.extend({ id: ZId.describe('Group id') });
export type ListMembersRequest = z.infer<typeof ZListMembersRequest>;
