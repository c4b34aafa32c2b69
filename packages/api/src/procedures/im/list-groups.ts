import { pageOf, ZGroup, ZPageQuery } from '@groupchat/contracts';
import { buildPage, listMyGroups, pageWindow, toGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listGroupsProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group',
      tags: ['groups'],
      summary: "The caller's groups, most recent activity first",
    },
  })
  .input(ZPageQuery)
  .output(pageOf(ZGroup))
  .query(async ({ ctx, input }) => {
    const { count, groups } = await listMyGroups(ctx.deps, ctx.user._id, input);
    const results = groups.map((group) => toGroup(group, true, ctx.deps.media, ctx.baseUrl));
    return buildPage(pageWindow(input), count, results, `${ctx.baseUrl}/api/im/group/`, input);
  });
