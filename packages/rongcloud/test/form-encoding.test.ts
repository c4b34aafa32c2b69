// Form bodies (§1.5): repeated keys for lists, `group[<id>]=<name>` keys for sync, standard escaping.
import { describe, expect, it } from 'vitest';
import { createTestClient, OK, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

describe('form encoding', () => {
  it('sends userIds as repeated userId keys, no brackets, no commas', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.create({
      groupId: 'g1',
      groupName: 'Team',
      userIds: ['a', 'b'],
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/group/create.json');
    expect(request?.body).toBe('userId=a&userId=b&groupId=g1&groupName=Team');
  });

  it('encodes sync groups as percent-encoded group[<id>] keys', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.sync({
      userId: 'u1',
      groups: [
        { id: '10001', name: 'TestGroup1' },
        { id: '10002', name: 'TestGroup2' },
      ],
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/group/sync.json');
    expect(request?.body).toBe('userId=u1&group%5B10001%5D=TestGroup1&group%5B10002%5D=TestGroup2');
    expect(request?.form.get('group[10002]')).toBe('TestGroup2');
  });

  it('sends a sync with no groups as just the userId (clears all bindings)', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.sync({ userId: 'u1', groups: [] });
    expect(server.requests[0]?.body).toBe('userId=u1');
  });

  it('escapes reserved characters and non-ASCII names so they round-trip', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const name = '产品 & 设计 = 100%+';
    await createTestClient([server.url]).group.refresh({ groupId: 'g1', groupName: name });
    const [request] = server.requests;
    expect(request?.body).not.toContain('& ');
    expect(request?.form.get('groupName')).toBe(name);
    expect([...(request?.form.keys() ?? [])]).toEqual(['groupId', 'groupName']);
  });

  it('drops repeated userIds before sending', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    await createTestClient([server.url]).group.quit({ groupId: 'g1', userIds: ['a', 'b', 'a'] });
    expect(server.requests[0]?.form.getAll('userId')).toEqual(['a', 'b']);
  });
});
