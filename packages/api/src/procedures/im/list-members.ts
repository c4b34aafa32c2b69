import { pageOf, ZMembersQuery, ZUser } from '@groupchat/contracts';
import { buildPage, listMembers, pageWindow, toUser } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listMembersProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group/{id}/users',
      tags: ['groups'],
      summary: 'Members of the group, owner first, then by join time (members only)',
      errorResponses: [400, 401, 403, 404],
    },
  })
  .input(ZMembersQuery)
  .output(pageOf(ZUser))
  .query(async ({ ctx, input }) => {
    const { id, ...query } = input;
    const { count, users } = await listMembers(ctx.deps, id, ctx.user._id, query);
    const results = users.map((user) => toUser(user, ctx.deps.media, ctx.baseUrl));
    return buildPage(pageWindow(query), count, results, `${ctx.baseUrl}/api/im/group/${id}/users/`, query);
  });
