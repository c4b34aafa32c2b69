import { ZGroup, ZUpdateGroupRequest } from '@groupchat/contracts';
import { updateGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { UPLOAD_CONTENT_TYPES } from '../content-types.ts';

export const updateGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/im/group/{id}',
      tags: ['groups'],
      summary: 'The owner or an admin renames the group, changes its cover or sets its announcement',
      contentTypes: UPLOAD_CONTENT_TYPES,
      errorResponses: [400, 401, 403, 404, 413, 415, 503],
    },
    rest: { upload: { field: 'cover', description: 'New cover image (multipart): JPEG, PNG, WebP or GIF' } },
  })
  .input(ZUpdateGroupRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => updateGroup(ctx.deps, ctx.caller, { ...input, cover: ctx.upload }));
