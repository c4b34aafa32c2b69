// GET is what the legacy app sends; POST is the same operation for clients that keep GET free of side effects.
import { SUCCESS_DETAIL, ZDetail, ZIdParam } from '@groupchat/contracts';
import { quitGroup } from '@groupchat/core';
import type { UserDoc } from '@groupchat/db';
import type { ApiContext } from '../../context.ts';
import { authedProcedure } from '../../trpc.ts';

const meta = (method: 'GET' | 'POST') => ({
  openapi: {
    method,
    path: '/api/im/group/{id}/quit' as const,
    tags: ['groups'],
    summary: 'The caller leaves the group',
    description:
      'When the owner leaves, the longest-standing member becomes owner; when the last member leaves, the group is ' +
      'dismissed.',
    errorResponses: [401, 403, 404],
  },
});

const quit = async ({ ctx, input }: { ctx: ApiContext & { user: UserDoc }; input: { id: number } }) => {
  await quitGroup(ctx.deps, input.id, ctx.user._id);
  return { detail: SUCCESS_DETAIL };
};

const base = authedProcedure.input(ZIdParam).output(ZDetail);
export const quitGroupProcedure = base.meta(meta('GET')).query(quit);
export const quitGroupPostProcedure = base.meta(meta('POST')).mutation(quit);
