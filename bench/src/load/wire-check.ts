// Checks that the raw tRPC requests the load generator sends are byte for byte what the typed client sends: the
// typed client runs against a capturing fetch (no server), and each captured request is compared with ours.
import type { AppRouter } from '@groupchat/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import { ENDPOINTS, type HttpRequestSpec, trpcRequest } from './endpoints.ts';

interface Captured {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string | undefined;
}

const ORIGIN = 'http://wire-check.invalid';

/** Throws naming the first procedure whose request differs; returns the procedures checked. */
export async function checkTrpcWireFormat(): Promise<string[]> {
  let captured: Captured | undefined;
  let token: string | undefined;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${ORIGIN}/trpc`,
        headers: () => (token ? { authorization: `Token ${token}` } : {}),
        fetch: async (url, init) => {
          const target = new URL(String(url));
          const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0]);
          captured = {
            method: init?.method ?? 'GET',
            path: target.pathname + target.search,
            authorization: headers.get('authorization') ?? undefined,
            body: typeof init?.body === 'string' ? init.body : undefined,
          };
          return new Response(JSON.stringify({ result: { data: null } }), {
            headers: { 'content-type': 'application/json' },
          });
        },
      }),
    ],
  });
  const calls: Record<string, { input: never; call: (input: never) => Promise<unknown> }> = {
    'groups.retrieve': { input: { id: 7 } as never, call: (i) => client.groups.retrieve.query(i) },
    'groups.list': { input: {} as never, call: (i) => client.groups.list.query(i) },
    'groups.listMembers': {
      input: { id: 1, page: 3 } as never,
      call: (i) => client.groups.listMembers.query(i),
    },
    'accounts.getImToken': { input: {} as never, call: (i) => client.accounts.getImToken.query(i) },
    'groups.create': {
      input: { name: 'bench 1', code: '90000001' } as never,
      call: (i) => client.groups.create.mutate(i),
    },
    'groups.joinByCode': {
      input: { id: 2, code: '100002' } as never,
      call: (i) => client.groups.joinByCode.mutate(i),
    },
    'groups.quit': { input: { id: 9 } as never, call: (i) => client.groups.quit.mutate(i) },
    'groups.kick': { input: { id: 9, userids: [4] } as never, call: (i) => client.groups.kick.mutate(i) },
  };
  const checked: string[] = [];
  for (const endpoint of ENDPOINTS) {
    if (!endpoint.procedure || !endpoint.trpcType) continue;
    const typed = calls[endpoint.procedure];
    if (!typed) throw new Error(`wire check: no typed call for ${endpoint.procedure}`);
    token = endpoint.kind === 'read' && endpoint.name === 'retrieve' ? undefined : 'T0KEN';
    captured = undefined;
    await typed.call(typed.input);
    const ours = trpcRequest(endpoint.procedure, endpoint.trpcType, typed.input, token);
    const difference = compare(captured, ours);
    if (difference) throw new Error(`wire check: ${endpoint.procedure}: ${difference}`);
    checked.push(endpoint.procedure);
  }
  return checked;
}

function compare(typed: Captured | undefined, ours: HttpRequestSpec): string | undefined {
  if (!typed) return 'the typed client sent nothing';
  const body = typeof ours.body === 'string' ? ours.body : undefined;
  const mismatches = [
    typed.method !== ours.method && `method ${typed.method} ≠ ${ours.method}`,
    typed.path !== ours.path && `path ${typed.path} ≠ ${ours.path}`,
    typed.authorization !== ours.headers.authorization && 'authorization header differs',
    (typed.body ?? undefined) !== body && `body ${typed.body} ≠ ${body}`,
  ].filter(Boolean);
  return mismatches.length > 0 ? mismatches.join('; ') : undefined;
}
