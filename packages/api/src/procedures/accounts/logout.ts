import { ZDetail } from '@groupchat/contracts';
import { logout } from '@groupchat/core';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';

export const logoutProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/logout',
      tags: ['accounts'],
      summary: 'Revoke the token in use',
    },
  })
  .input(z.void())
  .output(ZDetail)
  .mutation(({ ctx }) => logout(ctx.deps, ctx.caller));
