import { ZAddMemberRequest, ZAddMemberResponse } from '@groupchat/contracts';
import { addMember } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const addMemberProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/join',
      tags: ['groups'],
      summary: 'A member pulls user `userid` into the group',
      description:
        'Any member may pull others in; pulling in someone already a member succeeds and changes nothing. A user ' +
        'who asked for approval is not added: the answer is 202 with the id of the pending `invitation` they ' +
        'may accept (the same one again while it is pending). Throttled per caller (429 with Retry-After).',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'banned', 'not_found', 'group_full', 'too_many_groups', 'throttled'],
    rest: { acceptedWhen: 'invitation' },
  })
  .input(ZAddMemberRequest)
  .output(ZAddMemberResponse)
  .mutation(({ ctx, input }) => addMember(ctx.deps, ctx.caller, input));
