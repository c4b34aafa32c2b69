import { ZDetail, ZUnmuteRequest } from '@groupchat/contracts';
import { unmuteMember } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const unmuteMemberProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/im/group/{id}/mute/{userid}',
      tags: ['groups'],
      summary: 'The owner or an admin lifts a mute (idempotent)',
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZUnmuteRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => unmuteMember(ctx.deps, ctx.caller, input));
