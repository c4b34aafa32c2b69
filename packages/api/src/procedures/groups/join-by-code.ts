import { ZGroup, ZJoinByCodeRequest } from '@groupchat/contracts';
import { joinByCode } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const joinByCodeProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/invite',
      tags: ['groups'],
      summary: "Face to face: the caller joins by giving the group's code",
      description:
        'Refused with `code_invalid` for a wrong code (throttled per user and group: 429 with Retry-After) and ' +
        '`code_expired` once the code is no longer active.',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: [
      'code_invalid',
      'code_expired',
      'banned',
      'not_found',
      'group_full',
      'too_many_groups',
      'throttled',
    ],
  })
  .input(ZJoinByCodeRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => joinByCode(ctx.deps, ctx.caller, input));
