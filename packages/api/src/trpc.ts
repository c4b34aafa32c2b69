// The one initTRPC of the project, the procedure builders everything else uses, and tRPC's error mapping: every
// failure leaves a procedure as a TRPCError whose code matches its HTTP status, with the envelope in its data.
import type { ErrorCode } from '@groupchat/contracts';
import { anonymousCaller, identifyCaller, requireSignedIn } from '@groupchat/core';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context.ts';
import { toEnvelope, toTrpcError } from './error-envelope.ts';

/** What the REST layer adds to an operation; none of it exists over tRPC. */
export type RestAdapter = {
  /** HTTP status of a successful REST call when not 200. */
  successStatus?: 201;
  /** REST answers 202 Accepted instead when the output has this field (the request was taken, not yet done). */
  acceptedWhen?: string;
  /** Further methods legacy clients use for the same operation (e.g. GET for a state change). */
  aliases?: ('GET' | 'POST' | 'DELETE')[];
  /** The multipart file field of this operation; the procedure finds the file in `ctx.upload`. */
  upload?: { field: string; description: string };
  /** Body fields legacy clients may send under another name, e.g. `userid` alone for the list `userids`. */
  fieldAliases?: Record<string, string>;
};

/** Who may call: set by the procedure builders below, read by the OpenAPI document for `security` and 401. */
export type Access = 'public' | 'optional' | 'required';

/** An AppError code a procedure's services raise, with the status when the code's own is not the one it answers. */
export type Raised = ErrorCode | { code: ErrorCode; status: number };

// A type alias, not an interface: trpc-to-openapi needs metas assignable to Record<string, unknown>.
export type ProcedureMeta = {
  rest?: RestAdapter;
  access?: Access;
  /**
   * The domain errors the procedure's services raise. What every request can meet (validation, credentials, body
   * parsing, outages) is added by the OpenAPI document from the procedure's access and method, not listed here.
   */
  raises?: Raised[];
};

const t = initTRPC
  .context<ApiContext>()
  .meta<OpenApiMeta<ProcedureMeta>>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const { status, envelope } = toEnvelope(error, ctx?.locale ?? 'zh');
      // Nothing else of the shape leaves: no stack, no database text.
      return {
        message: envelope.detail,
        code: shape.code,
        data: { httpStatus: status, envelope, path: shape.data.path },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw toTrpcError(result.error);
  return result;
});

const base = t.procedure.use(mapErrors);

/** Anyone; credentials are not even read. */
export const publicProcedure = base
  .meta({ access: 'public' })
  .use(({ ctx, next }) => next({ ctx: { caller: anonymousCaller(ctx.baseUrl) } }));

/** Anyone; a valid token identifies the caller, an invalid one is refused (as Django REST Framework does). */
export const optionalUserProcedure = base
  .meta({ access: 'optional' })
  .use(async ({ ctx, next }) =>
    next({ ctx: { caller: ctx.knownCaller ?? (await identifyCaller(ctx.deps, ctx)) } }),
  );

export const authedProcedure = base.meta({ access: 'required' }).use(async ({ ctx, next }) => {
  const caller = ctx.knownCaller ?? (await identifyCaller(ctx.deps, ctx));
  return next({ ctx: { caller: requireSignedIn(caller) } });
});
