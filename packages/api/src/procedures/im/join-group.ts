import { ZJoinGroupRequest, ZJoinGroupResponse } from '@groupchat/contracts';
import { pullIntoGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const joinGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/join',
      tags: ['groups'],
      summary: 'A member pulls user `userid` into the group',
      description:
        'Any member may pull others in; pulling in someone already a member succeeds and changes nothing.',
      contentTypes: FORM_CONTENT_TYPES,
      errorResponses: [400, 401, 403, 404, 409],
    },
  })
  .input(ZJoinGroupRequest)
  .output(ZJoinGroupResponse)
  .mutation(async ({ ctx, input }) => {
    await pullIntoGroup(ctx.deps, input.id, ctx.user._id, input.userid);
    return { userid: input.userid };
  });
