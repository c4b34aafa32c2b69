import { ZCodePreview, ZCodeRequest } from '@groupchat/contracts';
import { previewCode } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const previewCodeProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/group/code/{code}',
      tags: ['groups'],
      summary: 'Face to face by code alone: the live group whose active code this is',
      description:
        "404 `code_invalid` when no live group's active code it is. Every lookup spends the caller's code-failure " +
        'budget across groups before the code is read, and a hit gives it back: past the budget, 429 whether or ' +
        'not the code exists.',
    },
    raises: [{ code: 'code_invalid', status: 404 }, 'throttled'],
  })
  .input(ZCodeRequest)
  .output(ZCodePreview)
  .query(({ ctx, input }) => previewCode(ctx.deps, ctx.caller, input));
