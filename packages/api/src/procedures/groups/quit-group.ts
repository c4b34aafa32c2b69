import { ZDetail, ZQuitGroupRequest } from '@groupchat/contracts';
import { quitGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const quitGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/quit',
      tags: ['groups'],
      summary: 'The caller leaves the group',
      description:
        'When the owner leaves, the longest-standing member becomes owner; when the last member leaves, the group is ' +
        'dismissed.',
    },
    raises: ['permission_denied', 'not_found'],
    // The legacy app leaves with a GET.
    rest: { aliases: ['GET'] },
  })
  .input(ZQuitGroupRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => quitGroup(ctx.deps, ctx.caller, input));
