import { ZMe, ZUpdateMeRequest } from '@groupchat/contracts';
import { updateMe } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { UPLOAD_CONTENT_TYPES } from '../content-types.ts';

export const updateMeProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/users/me',
      tags: ['accounts'],
      summary: 'Change name, nick, avatar or who may pull the caller into groups',
      contentTypes: UPLOAD_CONTENT_TYPES,
      // 503: the media store (MEDIA_STORE=s3) could not take the avatar; nothing was changed.
      errorResponses: [400, 401, 403, 404, 413, 415, 500, 503],
    },
    rest: { upload: { field: 'avatar', description: 'Avatar image (multipart): JPEG, PNG, WebP or GIF' } },
  })
  .input(ZUpdateMeRequest)
  .output(ZMe)
  .mutation(({ ctx, input }) => updateMe(ctx.deps, ctx.caller, { ...input, avatar: ctx.upload }));
