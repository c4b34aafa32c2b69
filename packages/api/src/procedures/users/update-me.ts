import { ZUpdateMeRequest, ZUser } from '@groupchat/contracts';
import { toUser, updateProfile } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { UPLOAD_CONTENT_TYPES } from '../content-types.ts';

export const updateMeProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'PATCH',
      path: '/api/users/me',
      tags: ['users'],
      summary: 'Change name, nick or avatar',
      contentTypes: UPLOAD_CONTENT_TYPES,
    },
    upload: 'avatar',
  })
  .input(ZUpdateMeRequest)
  .output(ZUser)
  .mutation(async ({ ctx, input }) =>
    toUser(await updateProfile(ctx.deps, ctx.user._id, input, ctx.baseUrl), ctx.deps.media, ctx.baseUrl),
  );
