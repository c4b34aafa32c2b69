import { ZLoginRequest, ZLoginResponse } from '@groupchat/contracts';
import { login } from '@groupchat/core';
import { publicProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const loginProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/login',
      tags: ['accounts'],
      summary: 'Exchange phone number and password for a token',
      description: 'Failed attempts are throttled per username (429 with Retry-After).',
      contentTypes: FORM_CONTENT_TYPES,
      protect: false,
    },
    raises: ['invalid_credentials', 'throttled'],
  })
  .input(ZLoginRequest)
  .output(ZLoginResponse)
  .mutation(({ ctx, input }) => login(ctx.deps, ctx.caller, input));
