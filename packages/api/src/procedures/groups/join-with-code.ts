import { ZCodeRequest, ZGroup } from '@groupchat/contracts';
import { joinWithCode } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const joinWithCodeProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/code/{code}/join',
      tags: ['groups'],
      summary: 'Face to face by code alone: the caller joins the group whose code this is',
      description:
        'The rules of `invite`: 403 `banned`, 400 `code_expired`, 409 `group_full` or `too_many_groups`; 404 ' +
        "`code_invalid` when no live group has this code. Spends the caller's code-failure budget like a wrong " +
        'code unless the code finds the group (429 with Retry-After past it).',
    },
    raises: [
      'code_expired',
      'banned',
      { code: 'code_invalid', status: 404 },
      'group_full',
      'too_many_groups',
      'throttled',
    ],
  })
  .input(ZCodeRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => joinWithCode(ctx.deps, ctx.caller, input));
