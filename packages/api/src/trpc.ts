// The one initTRPC of the project and the procedure builders everything else uses.

import { AppError, authenticate, tokenFromAuthorizationHeader } from '@groupchat/core';
import type { UserDoc } from '@groupchat/db';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ApiContext } from './context.ts';
import { toEnvelope, toTrpcError } from './error-envelope.ts';

// A type alias, not an interface: trpc-to-openapi needs metas assignable to Record<string, unknown>.
export type ProcedureMeta = {
  /** Multipart file field this procedure accepts (the HTTP layer runs the upload parser for it). */
  upload?: string;
  /** HTTP status of a successful REST call when not 200. */
  successStatus?: 201;
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

export const publicProcedure = t.procedure.use(mapErrors);

async function resolveUser(ctx: ApiContext): Promise<{ user: UserDoc; token: string } | undefined> {
  const token = tokenFromAuthorizationHeader(ctx.authorization);
  if (!token) return undefined;
  return { user: ctx.authenticatedUser ?? (await authenticate(ctx.deps, token)), token };
}

/** Anyone; a valid token identifies the caller, an invalid one is refused (as Django REST Framework does). */
export const optionalUserProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await resolveUser(ctx);
  return next({ ctx: { user: session?.user } });
});

export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const session = await resolveUser(ctx);
  if (!session) throw new AppError('not_authenticated');
  return next({ ctx: { user: session.user, token: session.token } });
});
