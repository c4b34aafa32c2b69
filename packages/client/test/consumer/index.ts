// What a TypeScript app outside this repository writes. Compiled against the installed tarball: a type that
// leaked as `any` or went missing breaks a line below, an unused @ts-expect-error as much as a wrong type.
import { createGroupChatClient, type ErrorEnvelope, multipart, type RouterOutputs } from '@groupchat/client';

const { trpc, rest } = createGroupChatClient({
  url: 'https://chat.example.com',
  token: 'secret',
  locale: 'en',
});

export async function typedFlow(cover: Blob): Promise<number> {
  const group = await trpc.groups.create.mutate({ name: 'Hiking', code: '2468' });
  const id: number = group.id;
  const role: 'owner' | 'admin' | 'member' | null = group.role;
  // @ts-expect-error a group id is a number
  await trpc.groups.quit.mutate({ id: String(id) });
  // @ts-expect-error listMembers is a query
  await trpc.groups.listMembers.mutate({ id });
  const members: RouterOutputs['groups']['listMembers'] = await trpc.groups.listMembers.query({ id });
  const first: string | undefined = members.results[0]?.username;

  const created = await rest.POST('/api/im/group/', {
    body: { name: 'Hiking', cover },
    bodySerializer: multipart,
  });
  if (created.error) {
    const envelope: ErrorEnvelope = created.error;
    return envelope.detail.length;
  }
  const restId: number = created.data.id;
  // The README's lines.
  const upload = { params: { path: { id: group.id } }, body: { cover }, bodySerializer: multipart };
  const patched = await rest.PATCH('/api/im/group/{id}/', upload);
  const cover2: string | undefined = patched.data?.cover;
  // @ts-expect-error no such path
  await rest.GET('/api/im/groups/');
  // @ts-expect-error the path needs its id
  await rest.GET('/api/im/group/{id}/users/', {});
  return restId + (first?.length ?? 0) + (role ? 1 : 0) + (cover2?.length ?? 0);
}
