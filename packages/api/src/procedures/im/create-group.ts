import { ZCreateGroupRequest, ZGroup } from '@groupchat/contracts';
import { createGroup, toGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { UPLOAD_CONTENT_TYPES } from '../content-types.ts';

export const createGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group',
      tags: ['groups'],
      summary: 'Create a group; the caller becomes owner and first member',
      contentTypes: UPLOAD_CONTENT_TYPES,
    },
    upload: 'cover',
    successStatus: 201,
  })
  .input(ZCreateGroupRequest)
  .output(ZGroup)
  .mutation(async ({ ctx, input }) =>
    toGroup(await createGroup(ctx.deps, ctx.user._id, input), true, ctx.deps.media, ctx.baseUrl),
  );
