import { pageOf, ZGroup, ZListGroupsRequest } from '@groupchat/contracts';
import { listGroups } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listGroupsProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group',
      tags: ['groups'],
      summary: "The caller's groups, most recent activity first",
    },
    raises: ['not_found'],
  })
  .input(ZListGroupsRequest)
  .output(pageOf(ZGroup))
  .query(({ ctx, input }) => listGroups(ctx.deps, ctx.caller, input));
