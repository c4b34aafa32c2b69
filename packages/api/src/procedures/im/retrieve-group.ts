import { ZGroup, ZIdParam } from '@groupchat/contracts';
import { findLiveGroup, isMember, toGroup } from '@groupchat/core';
import { optionalUserProcedure } from '../../trpc.ts';

export const retrieveGroupProcedure = optionalUserProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/retrieve/{id}',
      tags: ['groups'],
      summary: 'Group details; anyone may ask, the code is shown to members only',
      protect: false,
    },
  })
  .input(ZIdParam)
  .output(ZGroup)
  .query(async ({ ctx, input }) => {
    const group = await findLiveGroup(ctx.deps, input.id);
    const member = await isMember(ctx.deps, group._id, ctx.user?._id);
    return toGroup(group, member, ctx.deps.media, ctx.baseUrl);
  });
