// Invitations: what a pull-in becomes for a user who asked for approval; the invitee lists, accepts or declines.
import { z } from 'zod';
import { ZId, ZPageQuery } from './common.ts';
import { ZGroup } from './groups.ts';

export const ZInviter = z
  .object({ id: z.number().int(), nick: z.string(), avatar: z.string().url() })
  .meta({ id: 'Inviter' });

export const ZInvitation = z
  .object({
    id: z.number().int(),
    // The group as a non-member sees it (no code, no announcement); the inviter is who pulled the caller in.
    group: ZGroup,
    inviter: ZInviter,
    created_at: z.string().describe('ISO 8601, UTC; the invitation lapses 7 days later'),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof ZInvitation>;

export const ZListInvitationsRequest = ZPageQuery;
export type ListInvitationsRequest = z.infer<typeof ZListInvitationsRequest>;

export const ZInvitationIdRequest = z.object({ id: ZId.describe('Invitation id') });
export type InvitationIdRequest = z.infer<typeof ZInvitationIdRequest>;
