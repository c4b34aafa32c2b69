import { ZGroup, ZRetrieveGroupRequest } from '@groupchat/contracts';
import { retrieveGroup } from '@groupchat/core';
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
    raises: ['not_found'],
  })
  .input(ZRetrieveGroupRequest)
  .output(ZGroup)
  .query(({ ctx, input }) => retrieveGroup(ctx.deps, ctx.caller, input));
