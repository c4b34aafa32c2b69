import { ZCreateGroupRequest, ZGroup } from '@groupchat/contracts';
import { createGroup } from '@groupchat/core';
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
      // 503: the media store (MEDIA_STORE=s3) could not take the cover; no group was created.
      errorResponses: [400, 401, 403, 413, 415, 500, 503],
    },
    rest: {
      successStatus: 201,
      upload: { field: 'cover', description: 'Cover image (multipart): JPEG, PNG, WebP or GIF' },
    },
  })
  .input(ZCreateGroupRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => createGroup(ctx.deps, ctx.caller, { ...input, cover: ctx.upload }));
