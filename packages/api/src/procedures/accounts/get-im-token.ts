import { ZGetImTokenRequest, ZImToken } from '@groupchat/contracts';
import { getImToken } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const getImTokenProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/token',
      tags: ['accounts'],
      summary: "The caller's RongCloud token",
      description:
        'The token is cached and reused until the RongCloud credentials change; `renew=true` asks RongCloud for a ' +
        'new one (older tokens stay valid). 503 when RongCloud cannot be reached and no token is cached.',
    },
    raises: ['service_unavailable'],
  })
  .input(ZGetImTokenRequest)
  .output(ZImToken)
  .query(({ ctx, input }) => getImToken(ctx.deps, ctx.caller, input));
