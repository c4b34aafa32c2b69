import { ZKickRequest, ZKickResponse } from '@groupchat/contracts';
import { kickMembers } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const kickMembersProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/kick',
      tags: ['groups'],
      summary: 'The owner or an admin removes members, optionally banning them',
      description:
        'Every listed member must rank below the caller, or nothing is removed (403). Listed users who are not ' +
        'members are skipped. With `block` the removed members are also banned. `userids` is a JSON array or a ' +
        'repeated form field; `userid` alone is accepted too.',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'not_found'],
    rest: { fieldAliases: { userid: 'userids' } },
  })
  .input(ZKickRequest)
  .output(ZKickResponse)
  .mutation(({ ctx, input }) => kickMembers(ctx.deps, ctx.caller, input));
