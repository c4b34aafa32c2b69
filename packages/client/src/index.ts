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

const MAX_BATCH_CALLS = 10;

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
    links: [
      httpBatchLink({
        url: `${origin}/trpc`,
        headers,
        fetch: fetchImpl,
        // The service refuses a batch of more than 10 calls as a whole (apps/server's MAX_TRPC_BATCH); tRPC's
        // default is unbounded, so a burst of parallel calls would fail together.
        maxItems: MAX_BATCH_CALLS,
      }),
    ],
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
 * A `bodySerializer` that sends the body as multipart/form-data: needed for the REST operations that take a file
 * (`cover`, `avatar`), accepted by every other.
 */
export function multipart(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    // A list is the field repeated, as HTML forms (and the service, like Django REST Framework) read it.
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      form.append(name, item instanceof Blob ? item : String(item));
    }
  }
  return form;
}
