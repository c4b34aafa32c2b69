// One operation on three methods, as the legacy API allowed: GET (what the app sends), POST and DELETE.
import { SUCCESS_DETAIL, ZDetail, ZIdParam } from '@groupchat/contracts';
import { dismissGroup } from '@groupchat/core';
import type { UserDoc } from '@groupchat/db';
import type { ApiContext } from '../../context.ts';
import { authedProcedure } from '../../trpc.ts';

const meta = (method: 'GET' | 'POST' | 'DELETE') => ({
  openapi: {
    method,
    path: '/api/im/group/{id}/dismiss' as const,
    tags: ['groups'],
    summary: 'The owner dismisses the group',
    description: 'A dismissed group answers 404 everywhere and frees its face-to-face code.',
    errorResponses: [401, 403, 404],
  },
});

const dismiss = async ({ ctx, input }: { ctx: ApiContext & { user: UserDoc }; input: { id: number } }) => {
  await dismissGroup(ctx.deps, input.id, ctx.user._id);
  return { detail: SUCCESS_DETAIL };
};

const base = authedProcedure.input(ZIdParam).output(ZDetail);
export const dismissGroupProcedure = base.meta(meta('GET')).query(dismiss);
export const dismissGroupPostProcedure = base.meta(meta('POST')).mutation(dismiss);
export const dismissGroupDeleteProcedure = base.meta(meta('DELETE')).mutation(dismiss);
