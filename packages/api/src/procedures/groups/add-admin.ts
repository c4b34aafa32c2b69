import { ZAddAdminRequest, ZUserIdResponse } from '@groupchat/contracts';
import { addAdmin } from '@groupchat/core';
import { authedProcedure } from '../../trpc.ts';
import { FORM_CONTENT_TYPES } from '../content-types.ts';

export const addAdminProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/im/group/{id}/admins',
      tags: ['groups'],
      summary: 'The owner appoints a member admin (idempotent)',
      description:
        'At most `MAX_ADMINS_PER_GROUP` admins (default 10): one more answers 409 `too_many_admins`.',
      contentTypes: FORM_CONTENT_TYPES,
    },
    raises: ['permission_denied', 'not_found', 'too_many_admins'],
  })
  .input(ZAddAdminRequest)
  .output(ZUserIdResponse)
  .mutation(({ ctx, input }) => addAdmin(ctx.deps, ctx.caller, input));
