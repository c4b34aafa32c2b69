// TypeScript programs call the same procedures over tRPC with end-to-end types.
import type { AppRouter } from '@groupchat/api';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { newPhone, registerUser, useTestServer } from './test-server.ts';

const server = useTestServer();

const client = (token?: string) =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${server.url}/trpc`,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
      }),
    ],
  });

describe('typed tRPC client', () => {
  it('registers, logs in, creates, lists and retrieves a group', async () => {
    const username = newPhone();
    const registered = await client().accounts.register.mutate({ username, password: 'typed client' });
    expect(registered.username).toBe(username);
    const { token } = await client().accounts.login.mutate({ username, password: 'typed client' });
    const me = client(token);

    const group = await me.groups.create.mutate({ name: 'over trpc', code: '24680' });
    expect(group).toMatchObject({ name: 'over trpc', code: '24680' });
    const page = await me.groups.list.query({});
    expect(page.count).toBe(1);
    expect(page.results[0]?.id).toBe(group.id);
    expect(page.next).toBeNull();

    const anonymous = await client().groups.retrieve.query({ id: group.id });
    expect(anonymous).toEqual({ ...group, code: '', role: null });
    expect((await me.accounts.getMe.query()).id).toBe(registered.id);
  });

  it('governs a group: appoint, mute, kick with a ban, transfer', async () => {
    const owner = await registerUser(server.url);
    const [admin, member] = [await registerUser(server.url), await registerUser(server.url)];
    const me = client(owner.token);
    const group = await me.groups.create.mutate({ name: 'typed governance' });
    for (const user of [admin, member]) await me.groups.addMember.mutate({ id: group.id, userid: user.id });
    await me.groups.addAdmin.mutate({ id: group.id, userid: admin.id });
    const muted = await client(admin.token).groups.mute.mutate({
      id: group.id,
      userid: member.id,
      minutes: 10,
    });
    expect(muted.muted_until).not.toBeNull();
    const members = await me.groups.listMembers.query({ id: group.id });
    expect(members.results.map((m) => [m.role, m.muted])).toEqual([
      ['owner', false],
      ['admin', false],
      ['member', true],
    ]);
    expect(
      await client(admin.token).groups.kick.mutate({ id: group.id, userids: [member.id], block: true }),
    ).toEqual({
      userids: [member.id],
    });
    expect((await me.groups.listBans.query({ id: group.id })).results.map((ban) => ban.id)).toEqual([
      member.id,
    ]);
    const transferred = await me.groups.transfer.mutate({ id: group.id, userid: admin.id });
    expect(transferred).toMatchObject({ owner: admin.id, role: 'member', member_count: 2 });
  });

  it('carries the error envelope in error.data', async () => {
    const error = await client()
      .accounts.getMe.query()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    const data = (error as TRPCClientError<AppRouter>).data as unknown as {
      httpStatus: number;
      envelope: { code: string };
    };
    expect(data.httpStatus).toBe(401);
    expect(data.envelope.code).toBe('not_authenticated');
    expect(JSON.stringify(data)).not.toContain('stack');
  });
});
