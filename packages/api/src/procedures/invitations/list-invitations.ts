import { pageOf, ZInvitation, ZListInvitationsRequest } from '@groupchat/contracts';
import { listInvitations } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';

export const listInvitationsProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/im/invitations',
      tags: ['invitations'],
      summary: "The caller's pending invitations, newest first",
      description: 'Invitations lapse 7 days after they were sent and vanish when their group is dismissed.',
    },
    raises: ['not_found'],
  })
  .input(ZListInvitationsRequest)
  .output(pageOf(ZInvitation))
  .query(({ ctx, input }) => listInvitations(ctx.deps, ctx.caller, input));
