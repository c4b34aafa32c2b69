// The root router: one procedure per operation, in one namespace per domain; REST paths come from each meta.
import { getImTokenProcedure } from './procedures/accounts/get-im-token.ts';
import { getMeProcedure } from './procedures/accounts/get-me.ts';
import { loginProcedure } from './procedures/accounts/login.ts';
import { logoutProcedure } from './procedures/accounts/logout.ts';
import { registerProcedure } from './procedures/accounts/register.ts';
import { updateMeProcedure } from './procedures/accounts/update-me.ts';
import { addAdminProcedure } from './procedures/groups/add-admin.ts';
import { addMemberProcedure } from './procedures/groups/add-member.ts';
import { createGroupProcedure } from './procedures/groups/create-group.ts';
import { dismissGroupProcedure } from './procedures/groups/dismiss-group.ts';
import { joinByCodeProcedure } from './procedures/groups/join-by-code.ts';
import { joinWithCodeProcedure } from './procedures/groups/join-with-code.ts';
import { kickMembersProcedure } from './procedures/groups/kick-members.ts';
import { listBansProcedure } from './procedures/groups/list-bans.ts';
import { listGroupsProcedure } from './procedures/groups/list-groups.ts';
import { listMembersProcedure } from './procedures/groups/list-members.ts';
import { muteAllProcedure } from './procedures/groups/mute-all.ts';
import { muteMemberProcedure } from './procedures/groups/mute-member.ts';
import { previewCodeProcedure } from './procedures/groups/preview-code.ts';
import { quitGroupProcedure } from './procedures/groups/quit-group.ts';
import { removeAdminProcedure } from './procedures/groups/remove-admin.ts';
import { retrieveGroupProcedure } from './procedures/groups/retrieve-group.ts';
import { transferOwnershipProcedure } from './procedures/groups/transfer-ownership.ts';
import { unbanUserProcedure } from './procedures/groups/unban-user.ts';
import { unmuteMemberProcedure } from './procedures/groups/unmute-member.ts';
import { updateGroupProcedure } from './procedures/groups/update-group.ts';
import { acceptInvitationProcedure } from './procedures/invitations/accept-invitation.ts';
import { declineInvitationProcedure } from './procedures/invitations/decline-invitation.ts';
import { listInvitationsProcedure } from './procedures/invitations/list-invitations.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  accounts: router({
    register: registerProcedure,
    login: loginProcedure,
    logout: logoutProcedure,
    getMe: getMeProcedure,
    updateMe: updateMeProcedure,
    getImToken: getImTokenProcedure,
  }),
  groups: router({
    create: createGroupProcedure,
    list: listGroupsProcedure,
    retrieve: retrieveGroupProcedure,
    update: updateGroupProcedure,
    addMember: addMemberProcedure,
    joinByCode: joinByCodeProcedure,
    previewCode: previewCodeProcedure,
    joinWithCode: joinWithCodeProcedure,
    quit: quitGroupProcedure,
    listMembers: listMembersProcedure,
    dismiss: dismissGroupProcedure,
    kick: kickMembersProcedure,
    transfer: transferOwnershipProcedure,
    addAdmin: addAdminProcedure,
    removeAdmin: removeAdminProcedure,
    mute: muteMemberProcedure,
    unmute: unmuteMemberProcedure,
    muteAll: muteAllProcedure,
    listBans: listBansProcedure,
    unban: unbanUserProcedure,
  }),
  invitations: router({
    list: listInvitationsProcedure,
    accept: acceptInvitationProcedure,
    decline: declineInvitationProcedure,
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
