import { ZDetail, ZDismissGroupRequest } from '@groupchat/contracts';
import { dismissGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const dismissGroupProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/dismiss',
      tags: ['groups'],
      summary: 'The owner dismisses the group',
      description: 'A dismissed group answers 404 everywhere and frees its face-to-face code.',
    },
    raises: ['permission_denied', 'not_found'],
    // The legacy app dismisses with a GET; DELETE is what REST clients reach for.
    rest: { aliases: ['GET', 'DELETE'] },
  })
  .input(ZDismissGroupRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => dismissGroup(ctx.deps, ctx.caller, input));
