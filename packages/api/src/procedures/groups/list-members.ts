import { pageOf, ZListMembersRequest, ZMember } from '@groupchat/contracts';
import { listMembers } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listMembersProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group/{id}/users',
      tags: ['groups'],
      summary: 'Members of the group, owner first, then by join time (members only)',
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZListMembersRequest)
  .output(pageOf(ZMember))
  .query(({ ctx, input }) => listMembers(ctx.deps, ctx.caller, input));
