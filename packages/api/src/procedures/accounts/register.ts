import { ZRegisterRequest, ZRegisterResponse } from '@groupchat/contracts';
import { register } from '@groupchat/core';
import { publicProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const registerProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/register',
      tags: ['accounts'],
      summary: 'Register with a phone number',
      contentTypes: FORM_CONTENT_TYPES,
      protect: false,
    },
    rest: { successStatus: 201 },
  })
  .input(ZRegisterRequest)
  .output(ZRegisterResponse)
  .mutation(({ ctx, input }) => register(ctx.deps, ctx.caller, input));
