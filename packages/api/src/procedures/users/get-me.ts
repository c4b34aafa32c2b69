import { ZUser } from '@groupchat/contracts';
import { toUser } from '@groupchat/core';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';

export const getMeProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/users/me', tags: ['users'], summary: 'The caller' } })
  .input(z.void())
  .output(ZUser)
  .query(({ ctx }) => toUser(ctx.user, ctx.deps.media, ctx.baseUrl));
