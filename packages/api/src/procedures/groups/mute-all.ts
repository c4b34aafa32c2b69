import { ZGroup, ZMuteAllRequest } from '@groupchat/contracts';
import { setMuteAll } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const muteAllProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/mute_all',
      tags: ['groups'],
      summary:
        'The owner or an admin mutes the whole group (only the owner and admins may speak) or lifts it',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'not_found'],
  })
  .input(ZMuteAllRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => setMuteAll(ctx.deps, ctx.caller, input));
