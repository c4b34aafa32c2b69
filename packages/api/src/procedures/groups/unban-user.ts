import { ZDetail, ZUnbanRequest } from '@groupchat/contracts';
import { unban } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const unbanUserProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/im/group/{id}/bans/{userid}',
      tags: ['groups'],
      summary: 'The owner or an admin lifts a ban (idempotent)',
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZUnbanRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => unban(ctx.deps, ctx.caller, input));
