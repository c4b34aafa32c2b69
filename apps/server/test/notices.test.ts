// In-chat notices, read back through the emulator's inspection API: each change posts exactly its notice with the
// fields RongCloud's kits read, in the order of the changes; a refused change posts nothing; joins coalesce.
import { describe, expect, it } from 'vitest';
import { eventually, registerUser, requestAs, useTestServer } from './test-server.ts';

const server = useTestServer();

type User = Awaited<ReturnType<typeof registerUser>>;
interface Message {
  fromUserId: string;
  objectName: string;
  content: Record<string, unknown>;
  toUserIds: string[] | null;
}

const call = (method: string, path: string, user?: User, body?: unknown) =>
  requestAs(server.url, method, path, user, body);

async function messages(groupId: number): Promise<Message[]> {
  const res = await fetch(`${server.emulator.url}/_emulator/groups/T${groupId}/messages`);
  expect(res.status).toBe(200);
  return (await res.json()) as Message[];
}

/** The RC:GrpNtf notices of a group, with `data` and `extra` parsed. */
async function notices(groupId: number) {
  return (await messages(groupId))
    .filter((message) => message.objectName === 'RC:GrpNtf' && message.toUserIds === null)
    .map((message) => ({
      from: message.fromUserId,
      operatorUserId: message.content.operatorUserId,
      operation: message.content.operation,
      message: message.content.message,
      data: JSON.parse(message.content.data as string),
      noticeId: JSON.parse(message.content.extra as string).noticeId as string,
    }));
}

async function newGroup(owner: User, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/im/group/', owner, { name: '爬山群', ...body });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; code: string };
}

describe('each change posts its notice', () => {
  it('create, pull-in, join by code, rename, announcement, admins, transfer, mutes, kick, quit, dismiss', async () => {
    const owner = await registerUser(server.url, { nick: '老王' });
    const bob = await registerUser(server.url, { nick: '小李' });
    const carol = await registerUser(server.url, { name: '张三' });
    const dave = await registerUser(server.url, { nick: '阿四' });
    const group = await newGroup(owner, { code: '86420' });
    const ok = async (method: string, path: string, user: User, body?: unknown) => {
      const res = await call(method, `/api/im/group/${group.id}${path}`, user, body);
      expect(res.status, await res.clone().text()).toBeLessThan(300);
    };
    await ok('POST', '/join/', owner, { userid: bob.id });
    await ok('POST', '/invite/', carol, { code: '86420' });
    await ok('POST', '/join/', owner, { userid: dave.id });
    await ok('PATCH', '/', owner, { name: '周末爬山' });
    await ok('PATCH', '/', owner, { announcement: '周六八点集合' });
    await ok('POST', '/admins/', owner, { userid: bob.id });
    await ok('DELETE', `/admins/${bob.id}/`, owner);
    await ok('POST', '/mute/', owner, { userid: carol.id, minutes: 10 });
    await ok('DELETE', `/mute/${carol.id}/`, owner);
    await ok('POST', '/mute_all/', owner, { enabled: true });
    await ok('POST', '/kick/', owner, { userids: [dave.id] });
    await ok('POST', '/transfer/', owner, { userid: bob.id });
    await ok('POST', '/quit/', owner);
    await ok('POST', '/dismiss/', bob);

    const T = (user: User) => `T${user.id}`;
    const expected = [
      ['Create', owner, [], '老王 创建了群组 爬山群', '爬山群'],
      ['Add', owner, [bob], '老王 邀请 小李 加入群组', '爬山群'],
      ['Add', carol, [carol], '张三 加入了群组', '爬山群'],
      ['Add', owner, [dave], '老王 邀请 阿四 加入群组', '爬山群'],
      ['Rename', owner, [], '老王 修改群名称为 周末爬山', '周末爬山'],
      ['Bulletin', owner, [], '老王 发布了群公告：周六八点集合', '周末爬山'],
      ['SetManager', owner, [bob], '老王 将 小李 设为管理员', '周末爬山'],
      ['RemoveManager', owner, [bob], '老王 取消了 小李 的管理员身份', '周末爬山'],
      ['Mute', owner, [carol], '老王 将 张三 禁言 10 分钟', '周末爬山'],
      ['Mute', owner, [carol], '老王 解除了 张三 的禁言', '周末爬山'],
      ['MuteAll', owner, [], '老王 开启了全员禁言', '周末爬山'],
      ['Kicked', owner, [dave], '老王 将 阿四 移出群组', '周末爬山'],
      ['Transfer', owner, [bob], '老王 将群主转让给 小李', '周末爬山'],
      ['Quit', owner, [], '老王 退出了群组', '周末爬山'],
      ['Dismiss', bob, [], '小李 解散了群组', '周末爬山'],
    ] as const;
    const got = await eventually(async () => {
      const list = await notices(group.id);
      expect(list).toHaveLength(expected.length);
      return list;
    });
    expect(
      got.map((notice) => [
        notice.operation,
        notice.operatorUserId,
        notice.data.targetUserIds,
        notice.message,
        notice.data.targetGroupName,
      ]),
    ).toEqual(expected.map(([op, who, targets, text, name]) => [op, T(who), targets.map(T), text, name]));
    for (const notice of got) {
      expect(notice.from).toBe('Tsystem');
      expect(notice.data.operatorNickname).toBe(
        notice.operatorUserId === T(bob) ? '小李' : notice.operatorUserId === T(carol) ? '张三' : '老王',
      );
      expect(typeof notice.data.timestamp).toBe('number');
    }
    expect(got.find((n) => n.operation === 'Kicked')?.data.targetUserDisplayNames).toEqual(['阿四']);
    expect(new Set(got.map((notice) => notice.noticeId)).size).toBe(got.length);

    const all = await messages(group.id);
    const kicked = got.find((notice) => notice.operation === 'Kicked')!;
    const directed = all.filter((message) => message.toUserIds !== null);
    expect(directed).toHaveLength(1);
    expect(directed[0]!.toUserIds).toEqual([T(dave)]);
    expect(JSON.parse(directed[0]!.content.extra as string).noticeId).toBe(kicked.noticeId);
    const text = all.filter((message) => message.objectName === 'RC:TxtMsg');
    expect(text).toEqual([
      {
        fromUserId: T(owner),
        objectName: 'RC:TxtMsg',
        content: {
          content: '@所有人 周六八点集合',
          mentionedInfo: { type: 1, userIdList: [] },
          extra: expect.any(String),
        },
        toUserIds: null,
      },
    ]);
    // The group is gone from RongCloud, its history is not.
    expect(server.emulator.state.getGroup(`T${group.id}`)).toBeUndefined();
    expect(await server.db.groups.findById(group.id, { notices: 1 }).lean()).toMatchObject({ notices: [] });
    const ready = await (await fetch(`${server.url}/readyz`)).json();
    expect(ready.noticesWaiting).toBe(0);
  });

  it('a Kicked notice is posted before RongCloud removes the member', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const group = await newGroup(owner);
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
    await eventually(async () => expect(await notices(group.id)).toHaveLength(2));
    // The removal fails in RongCloud: the notice, sent before it, is there all the same, to a member still inside.
    server.emulator.addFault({ endpoint: '/group/quit.json', count: 3 });
    expect(
      (await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [member.id] })).status,
    ).toBe(200);
    expect((await notices(group.id)).map((notice) => notice.operation)).toEqual(['Create', 'Add', 'Kicked']);
    expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toContain(`T${member.id}`);
    await eventually(() =>
      expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([`T${owner.id}`]),
    );
    expect((await notices(group.id)).map((notice) => notice.operation)).toEqual(['Create', 'Add', 'Kicked']);
  });

  it('registers the system sender with RongCloud once', async () => {
    await eventually(() => expect(server.emulator.state.getUser('Tsystem')?.tokenCount).toBe(1));
    expect(await server.db.rongCloudRegistrations.countDocuments()).toBe(1);
  });
});

describe('refused changes post nothing', () => {
  it('a refused pull-in, a wrong code, a rename by a member, a repeated join, a kick of a non-member', async () => {
    const owner = await registerUser(server.url);
    const member = await registerUser(server.url);
    const stranger = await registerUser(server.url);
    const group = await newGroup(owner, { code: '97531' });
    await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id });
    const before = await eventually(async () => {
      const list = await messages(group.id);
      expect(list).toHaveLength(2);
      return list;
    });
    const refused = [
      await call('POST', `/api/im/group/${group.id}/join/`, stranger, { userid: stranger.id }),
      await call('POST', `/api/im/group/${group.id}/invite/`, stranger, { code: '00000' }),
      await call('PATCH', `/api/im/group/${group.id}/`, member, { name: 'mine' }),
      await call('POST', `/api/im/group/${group.id}/kick/`, member, { userids: [owner.id] }),
      await call('POST', `/api/im/group/${group.id}/dismiss/`, member),
      await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: 999_999 }),
    ];
    expect(refused.map((res) => res.status)).toEqual([403, 400, 403, 403, 403, 400]);
    // Accepted but changing nothing: no notice either.
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status).toBe(
      200,
    );
    expect(
      (await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [stranger.id] })).status,
    ).toBe(200);
    expect((await call('PATCH', `/api/im/group/${group.id}/`, owner, { name: '爬山群' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await messages(group.id)).toEqual(before);
  });
});

describe('coalescing', () => {
  it('a burst of joins by code becomes fewer Add notices naming every joiner exactly once', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner, { code: '24680' });
    const joiners = await Promise.all(Array.from({ length: 12 }, () => registerUser(server.url)));
    const statuses = await Promise.all(
      joiners.map(
        async (joiner) =>
          (await call('POST', `/api/im/group/${group.id}/invite/`, joiner, { code: '24680' })).status,
      ),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const adds = await eventually(async () => {
      const list = (await notices(group.id)).filter((notice) => notice.operation === 'Add');
      expect(list.flatMap((notice) => notice.data.targetUserIds).sort()).toEqual(
        joiners.map((joiner) => `T${joiner.id}`).sort(),
      );
      return list;
    }, 15_000);
    expect(adds.length).toBeLessThan(joiners.length);
    for (const add of adds)
      expect(add.data.targetUserDisplayNames).toHaveLength(add.data.targetUserIds.length);
  });
});

describe('RongCloud down', () => {
  it('keeps the notices of committed changes and sends them, in order, once it is back', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const members = await Promise.all(Array.from({ length: 3 }, () => registerUser(server.url)));
    server.emulator.addFault({ downForMs: 60_000 });
    try {
      for (const member of members) {
        expect(
          (await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status,
        ).toBe(200);
      }
      expect((await call('PATCH', `/api/im/group/${group.id}/`, owner, { name: '改名' })).status).toBe(200);
      expect(
        (await call('POST', `/api/im/group/${group.id}/kick/`, owner, { userids: [members[0]!.id] })).status,
      ).toBe(200);
      const ready = await (await fetch(`${server.url}/readyz`)).json();
      expect(ready.noticesWaiting).toBe(5);
    } finally {
      server.emulator.clearFaults();
    }
    // Joins a second apart or more are separate Adds; either way they name the members in the order they joined.
    const got = await eventually(async () => {
      const list = await notices(group.id);
      expect(list.at(-1)?.operation).toBe('Kicked');
      return list;
    }, 15_000);
    const operations = got
      .map((notice) => notice.operation)
      .filter((op, i, all) => op !== 'Add' || all[i - 1] !== 'Add');
    expect(operations).toEqual(['Create', 'Add', 'Rename', 'Kicked']);
    const added = got
      .filter((notice) => notice.operation === 'Add')
      .flatMap((notice) => notice.data.targetUserIds);
    expect(added).toEqual(members.map((member) => `T${member.id}`));
    expect(new Set(got.map((notice) => notice.noticeId)).size).toBe(got.length);
    expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([
      `T${owner.id}`,
      `T${members[1]!.id}`,
      `T${members[2]!.id}`,
    ]);
  });
});

describe('a notice RongCloud refuses for good', () => {
  it('is dropped and counted, and neither the next notices nor the members wait behind it', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const [first, second] = await Promise.all([registerUser(server.url), registerUser(server.url)]);
    server.emulator.addFault({
      endpoint: '/message/group/publish.json',
      count: 1,
      httpStatus: 400,
      code: 1002,
      errorMessage: 'content invalid',
    });
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: first.id })).status).toBe(
      200,
    );
    expect((await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: second.id })).status).toBe(
      200,
    );
    const got = await eventually(async () => {
      const list = await notices(group.id);
      expect(list.at(-1)?.data.targetUserIds).toEqual([`T${second.id}`]);
      return list;
    }, 10_000);
    expect(got.map((notice) => notice.operation)).toEqual(['Create', 'Add']);
    const stored = await server.db.groups.findById(group.id).lean();
    expect(stored?.notices ?? []).toEqual([]);
    expect(stored?.noticesRefused).toBe(1);
    expect(server.emulator.state.getGroup(`T${group.id}`)?.members).toEqual([
      `T${owner.id}`,
      `T${first.id}`,
      `T${second.id}`,
    ]);
    expect((await (await fetch(`${server.url}/readyz`)).json()).noticesWaiting).toBe(0);
  });

  it('a credentials refusal (1004) keeps it queued until RongCloud accepts it', async () => {
    const owner = await registerUser(server.url);
    const group = await newGroup(owner);
    const member = await registerUser(server.url);
    server.emulator.addFault({ endpoint: '/message/group/publish.json', httpStatus: 401, code: 1004 });
    try {
      expect(
        (await call('POST', `/api/im/group/${group.id}/join/`, owner, { userid: member.id })).status,
      ).toBe(200);
      const stored = await server.db.groups.findById(group.id).lean();
      expect(stored?.notices).toHaveLength(1);
      expect(stored?.noticesRefused).toBeUndefined();
    } finally {
      server.emulator.clearFaults();
    }
    await eventually(async () => {
      expect((await notices(group.id)).at(-1)?.data.targetUserIds).toEqual([`T${member.id}`]);
    }, 15_000);
  });
});
