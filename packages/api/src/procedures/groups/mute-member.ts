import { ZMuteRequest, ZMuteResponse } from '@groupchat/contracts';
import { muteMember } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const muteMemberProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/mute',
      tags: ['groups'],
      summary: 'The owner or an admin mutes a member of lower rank in the chat',
      description: 'For `minutes` (1–43,200), or until lifted when absent; a second mute replaces the first.',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZMuteRequest)
  .output(ZMuteResponse)
  .mutation(({ ctx, input }) => muteMember(ctx.deps, ctx.caller, input));
