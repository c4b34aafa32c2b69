// What tRPC's HTTP adapter needs besides the router: the Retry-After header of throttled and unavailable answers,
// and which failures are worth reporting. With the errorFormatter in trpc.ts, the whole of tRPC's error mapping.
import type { TRPCError } from '@trpc/server';
import { isDatabaseOutage, toEnvelope } from './error-envelope.ts';
import { appRouter } from './router.ts';

export interface FailureReport {
  /** A request failed because the database could not be reached. */
  databaseOutage(): void;
  /** A request failed unexpectedly (a bug); `cause` is what was thrown. */
  unexpected(cause: unknown, req: unknown): void;
}

export function trpcHandlerOptions(report: FailureReport) {
  return {
    router: appRouter,
    responseMeta: ({ errors }: { errors: TRPCError[] }) => {
      const retryAfter = errors.map((error) => toEnvelope(error, 'zh').retryAfterSeconds).find(Boolean);
      return retryAfter ? { headers: { 'Retry-After': String(retryAfter) } } : {};
    },
    onError: ({ error, req }: { error: TRPCError; req: unknown }) => {
      if (isDatabaseOutage(error)) report.databaseOutage();
      else if (toEnvelope(error, 'zh').status >= 500) report.unexpected(error.cause ?? error, req);
    },
  };
}
