// The root router: one namespace per domain; REST paths come from each procedure's meta.
import { loginProcedure } from './procedures/auth/login.ts';
import { logoutProcedure } from './procedures/auth/logout.ts';
import { registerProcedure } from './procedures/auth/register.ts';
import { createGroupProcedure } from './procedures/im/create-group.ts';
import { getTokenProcedure } from './procedures/im/get-token.ts';
import { listGroupsProcedure } from './procedures/im/list-groups.ts';
import { retrieveGroupProcedure } from './procedures/im/retrieve-group.ts';
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
  }),
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
