// Member lists over the 1000-userId cap are split into ordered calls (§3.3–§3.5, §3.13).
import { describe, expect, it } from 'vitest';
import { createTestClient, OK, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

const ids = (count: number): string[] => Array.from({ length: count }, (_, i) => `u${i}`);

describe('id-list splitting', () => {
  it('create with 2500 members = create 1000, then join 1000, then join 500, in that order', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const userIds = ids(2500);
    await createTestClient([server.url]).group.create({ groupId: 'big', groupName: 'Big', userIds });

    const calls = server.requests.map((request) => ({
      path: request.path,
      users: request.form.getAll('userId'),
      groupId: request.form.get('groupId'),
      groupName: request.form.get('groupName'),
    }));
    expect(calls.map((call) => [call.path, call.users.length])).toEqual([
      ['/group/create.json', 1000],
      ['/group/join.json', 1000],
      ['/group/join.json', 500],
    ]);
    expect(calls.flatMap((call) => call.users)).toEqual(userIds);
    expect(calls.every((call) => call.groupId === 'big')).toBe(true);
    expect(calls[0]?.groupName).toBe('Big');
  });

  it('create with exactly 1000 members is a single call', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.create({ groupId: 'g1', groupName: 'G', userIds: ids(1000) });
    expect(server.requests.map((request) => request.path)).toEqual(['/group/create.json']);
  });

  it('join and quit split into chunks of at most 1000, keeping the group name on every join', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.join({ groupId: 'g1', groupName: 'Renamed', userIds: ids(2001) });
    await client.group.quit({ groupId: 'g1', userIds: ids(1001) });
    expect(server.requests.map((request) => [request.path, request.form.getAll('userId').length])).toEqual([
      ['/group/join.json', 1000],
      ['/group/join.json', 1000],
      ['/group/join.json', 1],
      ['/group/quit.json', 1000],
      ['/group/quit.json', 1],
    ]);
    const joins = server.requests.filter((request) => request.path === '/group/join.json');
    expect(joins.map((request) => request.form.get('groupName'))).toEqual(['Renamed', 'Renamed', 'Renamed']);
  });

  it('stops at the first failing chunk and reports it', async () => {
    let calls = 0;
    const server = await startFakeRongCloud('primary', () =>
      ++calls === 2 ? { status: 400, json: { code: 1002, errorMessage: 'bad chunk' } } : OK,
    );
    const error = await rejectionOf(
      createTestClient([server.url]).group.create({ groupId: 'g1', groupName: 'G', userIds: ids(3000) }),
    );
    expect(error).toMatchObject({ code: 1002, endpoint: '/group/join.json' });
    expect(server.requests).toHaveLength(2);
  });

  it('validates every chunk before sending the first', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const userIds = [...ids(1500), 'not-valid'];
    const error = await rejectionOf(
      createTestClient([server.url]).group.create({ groupId: 'g1', groupName: 'G', userIds }),
    );
    expect(error).toMatchObject({ code: 1002, retryable: false });
    expect(server.requests).toHaveLength(0);
  });
});
