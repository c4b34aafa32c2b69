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
      const answers = errors.map((error) => toEnvelope(error, 'zh'));
      const retryAfter = answers.map((answer) => answer.retryAfterSeconds).find(Boolean);
      // Error texts are in the caller's language. An array is appended to tRPC's own Vary, a string would replace it.
      const headers: Record<string, string | string[]> = { vary: ['Accept-Language'] };
      if (retryAfter) headers['Retry-After'] = String(retryAfter);
      // RFC 9110: a 401 names the scheme that would work (the REST side sends the same).
      if (answers.some((answer) => answer.status === 401)) headers['WWW-Authenticate'] = 'Token';
      return { headers };
    },
    onError: ({ error, req }: { error: TRPCError; req: unknown }) => {
      if (isDatabaseOutage(error)) report.databaseOutage();
      else if (toEnvelope(error, 'zh').status >= 500) report.unexpected(error.cause ?? error, req);
    },
  };
}
