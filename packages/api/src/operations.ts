// The router read as a list of operations: what the REST layer routes and the OpenAPI document describes. The one
// place that looks inside tRPC's router definition.
import type { AnyProcedure } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { ZodType } from 'zod';
import type { ApiContext } from './context.ts';
import { type AppRouter, appRouter, createCaller } from './router.ts';
import type { Access, ProcedureMeta, Raised, RestAdapter } from './trpc.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  /** The tRPC path, e.g. `groups.quit`. */
  name: string;
  type: 'query' | 'mutation';
  /** The documented REST method and path (without Django's trailing slash), from the meta. */
  method: HttpMethod;
  path: string;
  rest: RestAdapter;
  /** Who may call it: anyone (credentials unread), anyone with an optional token, or signed-in users only. */
  access: Access;
  /** The domain errors its services raise (the transport's own are added by the OpenAPI document). */
  raises: Raised[];
  /** The procedure's input schema; undefined for procedures without input. */
  input: ZodType | undefined;
  /** Runs the procedure as its own caller would, through every middleware. */
  call(ctx: ApiContext, input: unknown): Promise<unknown>;
}

type Definition = {
  type: 'query' | 'mutation' | 'subscription';
  meta?: OpenApiMeta<ProcedureMeta>;
  inputs: ZodType[];
};

export function operationsOf(router: AppRouter = appRouter): Operation[] {
  const procedures = router._def.procedures as unknown as Record<string, AnyProcedure>;
  return Object.entries(procedures).flatMap(([name, procedure]) => {
    const definition = procedure._def as unknown as Definition;
    const openapi = definition.meta?.openapi;
    if (!openapi || definition.type === 'subscription') return [];
    const segments = name.split('.');
    return [
      {
        name,
        type: definition.type,
        method: openapi.method,
        path: openapi.path,
        rest: definition.meta?.rest ?? {},
        access: definition.meta?.access ?? 'public',
        raises: definition.meta?.raises ?? [],
        input: definition.inputs[0],
        call: (ctx: ApiContext, input: unknown) => {
          let target: unknown = createCaller(ctx);
          for (const segment of segments) target = (target as Record<string, unknown>)[segment];
          return (target as (input: unknown) => Promise<unknown>)(input);
        },
      },
    ];
  });
}
