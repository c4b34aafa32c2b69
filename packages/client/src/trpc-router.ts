// The router type a tRPC client needs, cut loose from the server. The server's AppRouter carries its context
// (database models, RongCloud client) and its REST metadata in every procedure; a declaration bundler copies
// declarations as written, so a type alias over AppRouter would drag all of that into the published .d.ts. The
// type of `clientRouter` is instead inferred from a call, and tsc writes inferred types out in full: inputs,
// outputs and the error shape as plain object types, the procedures as @trpc/server's own interfaces, nothing of
// ours by name. test/router-types.ts proves that every input and output equals the server's.
import type { AppRouter } from '@groupchat/api';
import type {
  AnyMutationProcedure,
  AnyQueryProcedure,
  AnyRouter,
  inferProcedureInput,
  inferProcedureOutput,
  TRPCBuiltRouter,
  TRPCMutationProcedure,
  TRPCQueryProcedure,
} from '@trpc/server';

// Written inline rather than through helper aliases: tsc prints an alias by name, which would leave the published
// declaration pointing at this file's helpers instead of the resolved types. Two levels (namespace, procedure)
// are what appRouter has; a deeper one turns into `never` and fails test/router-types.ts.
declare function forClients<R extends AnyRouter>(
  router: R,
): TRPCBuiltRouter<
  {
    ctx: object;
    meta: object;
    errorShape: R['_def']['_config']['$types']['errorShape'];
    transformer: false;
  },
  {
    [N in keyof R['_def']['record']]: {
      [P in keyof R['_def']['record'][N]]: R['_def']['record'][N][P] extends AnyMutationProcedure
        ? TRPCMutationProcedure<{
            input: inferProcedureInput<R['_def']['record'][N][P]>;
            output: inferProcedureOutput<R['_def']['record'][N][P]>;
            meta: object;
          }>
        : R['_def']['record'][N][P] extends AnyQueryProcedure
          ? TRPCQueryProcedure<{
              input: inferProcedureInput<R['_def']['record'][N][P]>;
              output: inferProcedureOutput<R['_def']['record'][N][P]>;
              meta: object;
            }>
          : never;
    };
  }
>;
declare const appRouter: AppRouter;

// Never called: an arrow function's return type is inferred, so tsc writes it out in full.
const clientRouter = () => forClients(appRouter);

/** The service's tRPC router as a client sees it: every procedure with its input, output and error shape. */
export type GroupChatRouter = ReturnType<typeof clientRouter>;
