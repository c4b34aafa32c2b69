// Group endpoints and their idempotent semantics (§3.3–3.10, §6).
import { describe, expect, it } from 'vitest';
import { callApi, callControl, type Form } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

describe('group endpoints', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);
  const members = (groupId: string) => emulator.current.state.getGroup(groupId)?.members;

  it('create adds repeated userIds in order and answers {"code":200}', async () => {
    const res = await call('/group/create.json', 'userId=u1&userId=u2&userId=u3&groupId=g1&groupName=First');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 200 });
    const group = await callControl(emulator.current.url, 'GET', '/_emulator/groups/g1');
    expect(group.body).toEqual({
      id: 'g1',
      name: 'First',
      members: ['u1', 'u2', 'u3'],
      gagged: [],
      banned: false,
      whitelist: [],
    });
  });

  it('create of an existing group adds the new members and renames (create ≡ join)', async () => {
    await call('/group/create.json', 'userId=u1&groupId=g1&groupName=First');
    const again = await call('/group/create.json', 'userId=u2&userId=u1&groupId=g1&groupName=Renamed');
    expect(again.body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('g1')).toEqual({
      id: 'g1',
      name: 'Renamed',
      members: ['u1', 'u2'],
    });
  });

  it('create without groupName, groupId or userId is 400 + 1002', async () => {
    for (const body of ['userId=u1&groupId=g1', 'userId=u1&groupName=G', 'groupId=g1&groupName=G']) {
      const res = await call('/group/create.json', body);
      expect([res.status, res.body.code]).toEqual([400, 1002]);
    }
    expect(emulator.current.state.listGroups()).toEqual([]);
  });

  it('join adds members, creates unknown groups and is idempotent', async () => {
    expect((await call('/group/join.json', 'userId=u1&groupId=g2&groupName=Second')).body).toEqual({
      code: 200,
    });
    await call('/group/join.json', 'userId=u2&groupId=g2');
    const again = await call('/group/join.json', 'userId=u1&groupId=g2');
    expect(again.body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('g2')).toEqual({
      id: 'g2',
      name: 'Second',
      members: ['u1', 'u2'],
    });
  });

  it('join with a groupName replaces the name', async () => {
    await call('/group/create.json', 'userId=u1&groupId=g3&groupName=Old');
    await call('/group/join.json', 'userId=u2&groupId=g3&groupName=New');
    expect(emulator.current.state.getGroup('g3')?.name).toBe('New');
  });

  it('quit removes members; non-members and unknown groups are 200 without side effects', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&userId=u3&groupId=g4&groupName=G');
    expect((await call('/group/quit.json', 'userId=u1&userId=u3&groupId=g4')).body).toEqual({ code: 200 });
    expect(members('g4')).toEqual(['u2']);
    expect((await call('/group/quit.json', 'userId=stranger&groupId=g4')).body).toEqual({ code: 200 });
    expect((await call('/group/quit.json', 'userId=u1&groupId=nowhere')).body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('nowhere')).toBeUndefined();
  });

  it('a group emptied by quit still exists; rejoining appends in join order', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=g5&groupName=G');
    await call('/group/quit.json', 'userId=u1&userId=u2&groupId=g5');
    expect(emulator.current.state.getGroup('g5')).toEqual({ id: 'g5', name: 'G', members: [] });
    await call('/group/join.json', 'userId=u2&groupId=g5');
    await call('/group/join.json', 'userId=u1&groupId=g5');
    expect(members('g5')).toEqual(['u2', 'u1']);
  });

  it('dismiss deletes the group; unknown groups are 200; re-create starts fresh', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=g6&groupName=G');
    expect((await call('/group/dismiss.json', 'userId=u2&groupId=g6')).body).toEqual({ code: 200 });
    const read = await callControl(emulator.current.url, 'GET', '/_emulator/groups/g6');
    expect([read.status, read.body]).toEqual([404, { error: 'not_found' }]);
    expect((await call('/group/dismiss.json', 'userId=u2&groupId=g6')).body).toEqual({ code: 200 });
    await call('/group/create.json', 'userId=u3&groupId=g6&groupName=Again');
    expect(emulator.current.state.getGroup('g6')).toEqual({ id: 'g6', name: 'Again', members: ['u3'] });
  });

  it('dismiss requires userId', async () => {
    const res = await call('/group/dismiss.json', 'groupId=g6');
    expect([res.status, res.body.code]).toEqual([400, 1002]);
  });

  it('refresh renames; an unknown group is 200 and not created', async () => {
    await call('/group/create.json', 'userId=u1&groupId=g7&groupName=Old');
    expect((await call('/group/refresh.json', 'groupId=g7&groupName=New%20Name')).body).toEqual({
      code: 200,
    });
    expect(emulator.current.state.getGroup('g7')?.name).toBe('New Name');
    expect((await call('/group/refresh.json', 'groupId=ghost&groupName=X')).body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('ghost')).toBeUndefined();
    const missingName = await call('/group/refresh.json', 'groupId=g7');
    expect(missingName.body.code).toBe(1002);
  });

  it('user/query lists members in join order; an unknown group has none', async () => {
    await call('/group/create.json', 'userId=b&userId=a&groupId=g8&groupName=G');
    await call('/group/join.json', 'userId=c&groupId=g8');
    const res = await call('/group/user/query.json', 'groupId=g8');
    expect(res.body).toEqual({ code: 200, users: [{ id: 'b' }, { id: 'a' }, { id: 'c' }] });
    const unknown = await call('/group/user/query.json', 'groupId=nothing');
    expect(unknown.body).toEqual({ code: 200, users: [] });
  });

  it('sync replaces the user memberships, creating and renaming groups', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=keep&groupName=Keep');
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=leave&groupName=Leave');
    const body = 'userId=u1&group%5Bkeep%5D=Kept%20Name&group[fresh]=Fresh+Group';
    expect((await call('/group/sync.json', body)).body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('keep')).toEqual({
      id: 'keep',
      name: 'Kept Name',
      members: ['u1', 'u2'],
    });
    expect(members('leave')).toEqual(['u2']);
    expect(emulator.current.state.getGroup('fresh')).toEqual({
      id: 'fresh',
      name: 'Fresh Group',
      members: ['u1'],
    });
  });

  it('sync without group keys removes every membership of the user', async () => {
    await call('/group/create.json', 'userId=u1&userId=u2&groupId=a1&groupName=A');
    await call('/group/create.json', 'userId=u1&groupId=a2&groupName=B');
    expect((await call('/group/sync.json', 'userId=u1')).body).toEqual({ code: 200 });
    expect([members('a1'), members('a2')]).toEqual([['u2'], []]);
  });

  it('sync validates group ids in the keys', async () => {
    const res = await call('/group/sync.json', 'userId=u1&group%5Bbad-id%5D=X');
    expect([res.status, res.body.code]).toEqual([400, 1002]);
    const noUser = await call('/group/sync.json', 'group%5Bg1%5D=X');
    expect(noUser.body.code).toBe(1002);
  });

  it('user/group/query lists the user groups in creation order, with paging', async () => {
    for (const id of ['p1', 'p2', 'p3'])
      await call('/group/create.json', `userId=u9&groupId=${id}&groupName=N${id}`);
    await call('/group/create.json', 'userId=other&groupId=p4&groupName=Np4');
    const all = await call('/user/group/query.json', 'userId=u9');
    expect(all.body).toEqual({
      code: 200,
      groups: [
        { id: 'p1', name: 'Np1' },
        { id: 'p2', name: 'Np2' },
        { id: 'p3', name: 'Np3' },
      ],
    });
    const page2 = await call('/user/group/query.json', 'userId=u9&page=2&size=2');
    expect(page2.body).toEqual({ code: 200, groups: [{ id: 'p3', name: 'Np3' }] });
    const unknown = await call('/user/group/query.json', 'userId=nobody');
    expect(unknown.body).toEqual({ code: 200, groups: [] });
    const tooBig = await call('/user/group/query.json', 'userId=u9&page=1&size=1001');
    expect([tooBig.status, tooBig.body.code]).toEqual([400, 1002]);
  });
});
