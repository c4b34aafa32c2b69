// The root router: one namespace per domain; REST paths come from each procedure's meta.
import { loginProcedure } from './procedures/auth/login.ts';
import { logoutProcedure } from './procedures/auth/logout.ts';
import { registerProcedure } from './procedures/auth/register.ts';
import { createGroupProcedure } from './procedures/im/create-group.ts';
import {
  dismissGroupDeleteProcedure,
  dismissGroupPostProcedure,
  dismissGroupProcedure,
} from './procedures/im/dismiss-group.ts';
import { getTokenProcedure } from './procedures/im/get-token.ts';
import { inviteByCodeProcedure } from './procedures/im/invite-by-code.ts';
import { joinGroupProcedure } from './procedures/im/join-group.ts';
import { listGroupsProcedure } from './procedures/im/list-groups.ts';
import { listMembersProcedure } from './procedures/im/list-members.ts';
import { quitGroupPostProcedure, quitGroupProcedure } from './procedures/im/quit-group.ts';
import { retrieveGroupProcedure } from './procedures/im/retrieve-group.ts';
import { updateGroupProcedure } from './procedures/im/update-group.ts';
import { getMeProcedure } from './procedures/users/get-me.ts';
import { updateMeProcedure } from './procedures/users/update-me.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: router({ register: registerProcedure, login: loginProcedure, logout: logoutProcedure }),
  users: router({ me: getMeProcedure, updateMe: updateMeProcedure }),
  im: router({
    token: getTokenProcedure,
    createGroup: createGroupProcedure,
    listGroups: listGroupsProcedure,
    retrieveGroup: retrieveGroupProcedure,
    updateGroup: updateGroupProcedure,
    joinGroup: joinGroupProcedure,
    inviteByCode: inviteByCodeProcedure,
    quitGroup: quitGroupProcedure,
    quitGroupPost: quitGroupPostProcedure,
    listMembers: listMembersProcedure,
    dismissGroup: dismissGroupProcedure,
    dismissGroupPost: dismissGroupPostProcedure,
    dismissGroupDelete: dismissGroupDeleteProcedure,
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
