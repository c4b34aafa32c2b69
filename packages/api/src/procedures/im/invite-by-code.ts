import { ZGroup, ZInviteRequest } from '@groupchat/contracts';
import { joinByCode, toGroup } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const inviteByCodeProcedure = authedProcedure
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
      errorResponses: [400, 401, 404, 409, 429],
    },
  })
  .input(ZInviteRequest)
  .output(ZGroup)
  .mutation(async ({ ctx, input }) =>
    toGroup(
      await joinByCode(ctx.deps, input.id, ctx.user._id, input.code),
      true,
      ctx.deps.media,
      ctx.baseUrl,
    ),
  );
