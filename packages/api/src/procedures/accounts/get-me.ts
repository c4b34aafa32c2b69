import { ZMe } from '@groupchat/contracts';
import { getMe } from '@groupchat/core';
import { z } from 'zod';
import { authedProcedure } from '../../trpc.ts';

export const getMeProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/users/me', tags: ['accounts'], summary: 'The caller' } })
  .input(z.void())
  .output(ZMe)
  .query(({ ctx }) => getMe(ctx.deps, ctx.caller));
