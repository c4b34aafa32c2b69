// Checked by `tsc` (npm run typecheck): the client's router type says exactly what the server's router does.
// A procedure added, renamed, retyped or turned from query into mutation on the server without the client
// following fails here.
import type { AppRouter } from '@groupchat/api';
import type { AnyRouter, inferRouterError, inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { GroupChatRouter } from '../src/index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Kinds<R extends AnyRouter> = {
  [N in keyof R['_def']['record']]: {
    [P in keyof R['_def']['record'][N]]: R['_def']['record'][N][P]['_def']['type'];
  };
};

export const sameInputs: Equal<inferRouterInputs<GroupChatRouter>, inferRouterInputs<AppRouter>> = true;
export const sameOutputs: Equal<inferRouterOutputs<GroupChatRouter>, inferRouterOutputs<AppRouter>> = true;
export const sameKinds: Equal<Kinds<GroupChatRouter>, Kinds<AppRouter>> = true;
export const sameErrors: Equal<inferRouterError<GroupChatRouter>, inferRouterError<AppRouter>> = true;
