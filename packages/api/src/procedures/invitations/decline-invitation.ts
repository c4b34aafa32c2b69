import { ZDetail, ZInvitationIdRequest } from '@groupchat/contracts';
import { declineInvitation } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const declineInvitationProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/invitations/{id}/decline',
      tags: ['invitations'],
      summary: 'The invitee drops an invitation',
      description: "404 for a lapsed invitation or anyone else's.",
    },
    raises: ['not_found'],
  })
  .input(ZInvitationIdRequest)
  .output(ZDetail)
  .mutation(({ ctx, input }) => declineInvitation(ctx.deps, ctx.caller, input));
