import { ZGroup, ZUpdateGroupRequest } from '@groupchat/contracts';
import { toGroup, updateGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { UPLOAD_CONTENT_TYPES } from '../content-types.ts';

export const updateGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/im/group/{id}',
      tags: ['groups'],
      summary: 'The owner renames the group or changes its cover',
      contentTypes: UPLOAD_CONTENT_TYPES,
      errorResponses: [400, 401, 403, 404, 413, 415],
    },
    upload: 'cover',
  })
  .input(ZUpdateGroupRequest)
  .output(ZGroup)
  .mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    return toGroup(await updateGroup(ctx.deps, id, ctx.user._id, changes), true, ctx.deps.media, ctx.baseUrl);
  });
