import { ZGroup, ZInvitationIdRequest } from '@groupchat/contracts';
import { acceptInvitation } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const acceptInvitationProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/invitations/{id}/accept',
      tags: ['invitations'],
      summary: 'The invitee joins the group of an invitation',
      description:
        "The group's rules apply: 403 `banned`, 409 `group_full` or `too_many_groups`; 404 for a dismissed " +
        "group, a lapsed invitation or anyone else's.",
    },
    raises: ['banned', 'not_found', 'group_full', 'too_many_groups'],
  })
  .input(ZInvitationIdRequest)
  .output(ZGroup)
  .mutation(({ ctx, input }) => acceptInvitation(ctx.deps, ctx.caller, input));
