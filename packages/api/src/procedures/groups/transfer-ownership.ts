import { ZGroup, ZTransferRequest } from '@groupchat/contracts';
import { transferOwnership } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const transferOwnershipProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/transfer',
      tags: ['groups'],
      summary: 'The owner hands the group to another member and becomes an ordinary member',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZTransferRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => transferOwnership(ctx.deps, ctx.caller, input));
