// Local validation against RongCloud's limits: bad input throws a non-retryable error and is never sent.
import { describe, expect, it } from 'vitest';
import type { RongCloudClient } from '../src/index.ts';
import { createTestClient, OK, rejectionOf, startFakeRongCloud } from './helpers/fake-rongcloud.ts';

type Case = [label: string, call: (client: RongCloudClient) => Promise<unknown>, code: number];

const long = (length: number, char = 'a'): string => char.repeat(length);

const cases: Case[] = [
  ['userId with a dash', (c) => c.user.getToken({ userId: 'dev-1', name: 'A' }), 1002],
  ['empty userId', (c) => c.user.getToken({ userId: '', name: 'A' }), 1002],
  ['userId of 65 chars', (c) => c.user.getToken({ userId: long(65), name: 'A' }), 1005],
  ['empty user name', (c) => c.user.getToken({ userId: 'u1', name: '' }), 1002],
  ['user name of 65 chars', (c) => c.user.getToken({ userId: 'u1', name: long(65, '名') }), 1005],
  [
    'portraitUri of 1025 bytes',
    (c) => c.user.getToken({ userId: 'u1', name: 'A', portraitUri: `https://x/${long(1015)}` }),
    1005,
  ],
  ['refresh name of 65 chars', (c) => c.user.refresh({ userId: 'u1', name: long(65) }), 1005],
  ['query page -1', (c) => c.user.queryGroups({ userId: 'u1', page: -1 }), 1002],
  ['query size 1001', (c) => c.user.queryGroups({ userId: 'u1', size: 1001 }), 1002],
  ['groupId with an underscore', (c) => c.group.refresh({ groupId: 'g_1', groupName: 'G' }), 1002],
  ['groupId of 65 chars', (c) => c.group.queryMembers({ groupId: long(65) }), 1005],
  [
    'group name of 65 chars',
    (c) => c.group.create({ groupId: 'g1', groupName: long(65), userIds: ['u1'] }),
    1005,
  ],
  ['create without members', (c) => c.group.create({ groupId: 'g1', groupName: 'G', userIds: [] }), 1002],
  ['join with an invalid member', (c) => c.group.join({ groupId: 'g1', userIds: ['u1', 'a b'] }), 1002],
  ['quit without members', (c) => c.group.quit({ groupId: 'g1', userIds: [] }), 1002],
  ['dismiss with invalid operator', (c) => c.group.dismiss({ groupId: 'g1', userId: 'x.y' }), 1002],
  [
    'sync listing a group twice',
    (c) =>
      c.group.sync({
        userId: 'u1',
        groups: [
          { id: 'g1', name: 'A' },
          { id: 'g1', name: 'B' },
        ],
      }),
    1002,
  ],
  [
    'sync group with an empty name',
    (c) => c.group.sync({ userId: 'u1', groups: [{ id: 'g1', name: '' }] }),
    1002,
  ],
  ['gag for -1 minutes', (c) => c.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: -1 }), 1002],
  [
    'gag for 43201 minutes',
    (c) => c.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: 43201 }),
    1002,
  ],
  ['gag for 1.5 minutes', (c) => c.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: 1.5 }), 1002],
  [
    'gag minutes as a string',
    (c) => c.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: '5' as unknown as number }),
    1002,
  ],
  ['gag without members', (c) => c.group.gagMembers({ groupId: 'g1', userIds: [], minutes: 5 }), 1002],
  ['ungag with an invalid member', (c) => c.group.ungagMembers({ groupId: 'g1', userIds: ['a-b'] }), 1002],
  ['listGagged with a long groupId', (c) => c.group.listGagged({ groupId: long(65) }), 1005],
  ['muteAll without groups', (c) => c.group.muteAll({ groupIds: [] }), 1002],
  ['unmuteAll with an invalid group', (c) => c.group.unmuteAll({ groupIds: ['g1', 'g_2'] }), 1002],
  ['queryMuteAll with a long groupId', (c) => c.group.queryMuteAll({ groupIds: [long(65)] }), 1005],
  [
    'whitelist add without a groupId',
    (c) => c.group.addToMuteWhitelist({ groupId: '', userIds: ['u1'] }),
    1002,
  ],
  [
    'whitelist remove without members',
    (c) => c.group.removeFromMuteWhitelist({ groupId: 'g1', userIds: [] }),
    1002,
  ],
  ['whitelist query with an invalid groupId', (c) => c.group.queryMuteWhitelist({ groupId: 'g 1' }), 1002],
];

describe('local validation', () => {
  it.each(cases)('%s → code %i, not retryable, nothing sent', async (_label, call, code) => {
    const server = await startFakeRongCloud('primary', () => OK);
    const error = await rejectionOf(call(createTestClient([server.url])));
    expect(error).toMatchObject({ code, retryable: false, httpStatus: undefined, attempts: 0 });
    expect(server.requests).toHaveLength(0);
  });

  it('accepts the limits themselves: 64-char ids, 64 CJK characters, 1024-byte portraitUri', async () => {
    const server = await startFakeRongCloud('primary', () => ({
      json: { code: 200, userId: 'x', token: 't' },
    }));
    const client = createTestClient([server.url]);
    const portraitUri = `https://x/${long(1014)}`;
    await client.user.getToken({ userId: long(64, 'Z'), name: long(64, '群'), portraitUri });
    await client.group.create({ groupId: long(64, '9'), groupName: long(64, '群'), userIds: ['u1'] });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.form.get('portraitUri')).toBe(portraitUri);
  });

  it('accepts gags of 0 minutes (until lifted) and of 43200 minutes (30 days)', async () => {
    const server = await startFakeRongCloud('primary', () => OK);
    const client = createTestClient([server.url]);
    await client.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: 0 });
    await client.group.gagMembers({ groupId: 'g1', userIds: ['u1'], minutes: 43200 });
    expect(server.requests.map((request) => request.form.get('minute'))).toEqual(['0', '43200']);
  });
});
