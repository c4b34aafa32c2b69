import { ZRegisterRequest, ZRegisterResponse } from '@groupchat/contracts';
import { register, toUser } from '@groupchat/core';
import { publicProcedure } from '../../trpc.ts';

export const registerProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/register',
      tags: ['auth'],
      summary: 'Register with a phone number',
      protect: false,
    },
    successStatus: 201,
  })
  .input(ZRegisterRequest)
  .output(ZRegisterResponse)
  .mutation(async ({ ctx, input }) => {
    const { user, token } = await register(ctx.deps, input);
    return { ...toUser(user, ctx.deps.media, ctx.baseUrl), token };
  });
