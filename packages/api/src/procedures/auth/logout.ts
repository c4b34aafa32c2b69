import { SUCCESS_DETAIL, ZDetail } from '@groupchat/contracts';
import { revokeToken } from '@groupchat/core';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';

export const logoutProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/logout', tags: ['auth'], summary: 'Revoke the token in use' },
  })
  .input(z.void())
  .output(ZDetail)
  .mutation(async ({ ctx }) => {
    await revokeToken(ctx.deps, ctx.token);
    return { detail: SUCCESS_DETAIL };
  });
