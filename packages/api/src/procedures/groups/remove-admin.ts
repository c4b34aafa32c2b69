import { ZDetail, ZRemoveAdminRequest } from '@groupchat/contracts';
import { removeAdmin } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const removeAdminProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'DELETE',
      path: '/api/im/group/{id}/admins/{userid}',
      tags: ['groups'],
      summary: 'The owner makes an admin an ordinary member again (idempotent)',
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZRemoveAdminRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => removeAdmin(ctx.deps, ctx.caller, input));
