// The service's typed clients in one factory: tRPC with end-to-end types, and REST typed from openapi.json.
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.ts';
import type { GroupChatRouter } from './trpc-router.ts';

export type { components as RestComponents, GroupChatRouter, paths as RestPaths };
export type RouterInputs = inferRouterInputs<GroupChatRouter>;
export type RouterOutputs = inferRouterOutputs<GroupChatRouter>;
/** The body of every error answer, over REST and (as `error.data.envelope`) over tRPC. */
export type ErrorEnvelope = components['schemas']['ErrorEnvelope'];

export type Locale = 'zh' | 'en';

export interface GroupChatClientOptions {
  /** The service's origin, e.g. `https://chat.example.com` (no path). */
  url: string;
  /** The API token from register or login; a function is asked before every request (sign-in, sign-out). */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** Language of error messages (`detail`); the service answers in Chinese by default. */
  locale?: Locale;
  /** A fetch implementation (tests, React Native polyfills, instrumentation); the global one by default. */
  fetch?: typeof fetch;
}

export interface GroupChatClient {
  /** Every operation as a tRPC procedure: `trpc.groups.create.mutate({ name })`. */
  trpc: TRPCClient<GroupChatRouter>;
  /** The documented REST paths: `rest.POST('/api/im/group/', { body })`; uploads go this way. */
  rest: Client<paths>;
}

export function createGroupChatClient(options: GroupChatClientOptions): GroupChatClient {
  const origin = options.url.replace(/\/+$/, '');
  const headers = async (): Promise<Record<string, string>> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return {
      ...(token ? { authorization: `Token ${token}` } : {}),
      ...(options.locale ? { 'accept-language': options.locale } : {}),
    };
  };
  // An explicit fetch is called unbound: window.fetch throws "Illegal invocation" when called as a method.
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));

  const trpc = createTRPCClient<GroupChatRouter>({
    links: [httpBatchLink({ url: `${origin}/trpc`, headers, fetch: fetchImpl })],
  });
  const rest = createFetchClient<paths>({ baseUrl: origin, fetch: fetchImpl });
  rest.use({
    async onRequest({ request }) {
      for (const [name, value] of Object.entries(await headers())) request.headers.set(name, value);
      return request;
    },
  });
  return { trpc, rest };
}

/**
 * A `bodySerializer` for the REST operations that take a file (`cover`, `avatar`): sends the body as
 * multipart/form-data, the only form that carries one.
 */
export function multipart(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    form.append(name, value instanceof Blob ? value : String(value));
  }
  return form;
}
