// Per-endpoint request fields and response mapping for the user and group APIs (§3).
import { describe, expect, it } from 'vitest';
import { createTestClient, fieldsOf, OK, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

describe('user API', () => {
  it('getToken posts userId, name and portraitUri and returns the token', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      json: { code: 200, userId: 'u1', token: 'tok/en+=' },
    }));
    const result = await createTestClient([server.url]).user.getToken({
      userId: 'u1',
      name: '小明',
      portraitUri: 'https://cdn.example.com/a.png?x=1&y=2',
    });
    expect(result).toEqual({ userId: 'u1', token: 'tok/en+=' });
    expect(server.requests[0]?.path).toBe('/user/getToken.json');
    expect(fieldsOf(server.requests[0])).toEqual([
      ['userId', 'u1'],
      ['name', '小明'],
      ['portraitUri', 'https://cdn.example.com/a.png?x=1&y=2'],
    ]);
  });

  it('getToken without a token in a 200 body is a non-retryable invalid_response', async () => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: 200, userId: 'u1' } }));
    const error = await rejectionOf(
      createTestClient([server.url]).user.getToken({ userId: 'u1', name: 'A' }),
    );
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false, httpStatus: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it('refresh sends only the fields given', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.user.refresh({ userId: 'u1', name: 'New' });
    await client.user.refresh({ userId: 'u1', portraitUri: 'https://x/p.png' });
    expect(server.requests.map((request) => request.path)).toEqual([
      '/user/refresh.json',
      '/user/refresh.json',
    ]);
    expect(fieldsOf(server.requests[0])).toEqual([
      ['userId', 'u1'],
      ['name', 'New'],
    ]);
    expect(fieldsOf(server.requests[1])).toEqual([
      ['userId', 'u1'],
      ['portraitUri', 'https://x/p.png'],
    ]);
  });

  it('queryGroups sends paging when given and maps groups', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      json: { code: 200, groups: [{ id: 'g1', name: 'One' }, { id: 'g2' }] },
    }));
    const groups = await createTestClient([server.url]).user.queryGroups({ userId: 'u1', page: 2, size: 50 });
    expect(groups).toEqual([
      { id: 'g1', name: 'One' },
      { id: 'g2', name: '' },
    ]);
    expect(server.requests[0]?.path).toBe('/user/group/query.json');
    expect(fieldsOf(server.requests[0])).toEqual([
      ['userId', 'u1'],
      ['page', '2'],
      ['size', '50'],
    ]);
  });

  it('queryGroups reads a missing list as no groups', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await expect(createTestClient([server.url]).user.queryGroups({ userId: 'u1' })).resolves.toEqual([]);
    expect(fieldsOf(server.requests[0])).toEqual([['userId', 'u1']]);
  });
});

describe('group API', () => {
  it('queryMembers returns member ids in server order', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      json: { code: 200, users: [{ id: '10002' }, { id: '10001' }] },
    }));
    const members = await createTestClient([server.url]).group.queryMembers({ groupId: 'g1' });
    expect(members).toEqual(['10002', '10001']);
    expect(server.requests[0]?.path).toBe('/group/user/query.json');
    expect(fieldsOf(server.requests[0])).toEqual([['groupId', 'g1']]);
  });

  it('queryMembers rejects a malformed users list', async () => {
    const server = await startFakeRongCloud('primary', () => ({ json: { code: 200, users: 'nope' } }));
    const error = await rejectionOf(createTestClient([server.url]).group.queryMembers({ groupId: 'g1' }));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('join without a name does not send groupName', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.join({ groupId: 'g1', userIds: ['u1'] });
    expect(server.requests[0]?.path).toBe('/group/join.json');
    expect(fieldsOf(server.requests[0])).toEqual([
      ['userId', 'u1'],
      ['groupId', 'g1'],
    ]);
  });

  it('dismiss and refresh post to their endpoints with their fields', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.dismiss({ groupId: 'g1', userId: 'owner1' });
    await client.group.refresh({ groupId: 'g1', groupName: 'Renamed' });
    expect(server.requests.map((request) => [request.path, fieldsOf(request)])).toEqual([
      [
        '/group/dismiss.json',
        [
          ['userId', 'owner1'],
          ['groupId', 'g1'],
        ],
      ],
      [
        '/group/refresh.json',
        [
          ['groupId', 'g1'],
          ['groupName', 'Renamed'],
        ],
      ],
    ]);
  });

  it('keeps a base URL path prefix and drops a trailing slash', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([`${server.url}/prefix/`]).group.refresh({ groupId: 'g1', groupName: 'G' });
    expect(server.requests[0]?.path).toBe('/prefix/group/refresh.json');
  });
});
