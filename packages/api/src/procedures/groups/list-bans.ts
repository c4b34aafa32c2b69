import { pageOf, ZBan, ZListBansRequest } from '@groupchat/contracts';
import { listBans } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listBansProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group/{id}/bans',
      tags: ['groups'],
      summary: 'Users banned from the group, newest first (owner and admins)',
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZListBansRequest)
  .output(pageOf(ZBan))
  .query(({ ctx, input }) => listBans(ctx.deps, ctx.caller, input));
