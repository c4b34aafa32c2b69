// The official Node server SDK (rongcloud-sdk 3.1.1) against the emulator: what it sends is accepted and applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../src/index.ts';
import { APP_KEY, APP_SECRET, sha1Hex } from './support/api-client.ts';
import { type RecordingProxy, startRecordingProxy } from './support/recording-proxy.ts';
import { initSdk, type RongCloudSdk } from './support/rongcloud-sdk.ts';

describe('rongcloud-sdk 3.1.1 against the emulator', () => {
  let emulator: RunningEmulator;
  let proxy: RecordingProxy;
  let sdk: RongCloudSdk;
  const lastExchange = () => proxy.exchanges.at(-1)!;

  beforeAll(async () => {
    emulator = await startEmulator({ appKey: APP_KEY, appSecret: APP_SECRET });
    proxy = await startRecordingProxy(emulator.url);
    sdk = initSdk(APP_KEY, APP_SECRET, proxy.url);
  });

  afterAll(async () => {
    await proxy.close();
    await emulator.close();
  });

  it('registers a user: seconds timestamp, %20-encoded values, token issued', async () => {
    const result = await sdk.User.register({
      id: 'sdkAnn',
      name: 'Ann Lee',
      portrait: 'http://img.example/a b.png',
    });
    expect(result).toEqual({ code: 200, userId: 'sdkAnn', token: expect.any(String) });
    const sent = lastExchange();
    expect(sent.path).toBe('/user/getToken.json');
    expect(sent.body).toBe('name=Ann%20Lee&userId=sdkAnn&portraitUri=http%3A%2F%2Fimg.example%2Fa%20b.png');
    expect(sent.headers['App-Key']).toBe(APP_KEY);
    expect(sent.headers.Timestamp).toMatch(/^\d{10}$/);
    expect(sent.headers.Signature).toBe(
      sha1Hex(`${APP_SECRET}${sent.headers.Nonce}${sent.headers.Timestamp}`),
    );
    expect(sent.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(emulator.state.getUser('sdkAnn')).toMatchObject({
      name: 'Ann Lee',
      portraitUri: 'http://img.example/a b.png',
      tokenCount: 1,
      tokens: [result.token],
    });
  });

  it('updates a user', async () => {
    await sdk.User.register({ id: 'sdkBob', name: 'Bob', portrait: 'http://p/1.png' });
    const result = await sdk.User.update({ id: 'sdkBob', name: 'Bobby 张', portrait: 'http://p/2.png' });
    expect(result).toEqual({ code: 200 });
    expect(lastExchange().path).toBe('/user/refresh.json');
    expect(emulator.state.getUser('sdkBob')).toMatchObject({
      name: 'Bobby 张',
      portraitUri: 'http://p/2.png',
    });
  });

  it('creates a group with repeated userId keys', async () => {
    const members = [{ id: 'sdkAnn' }, { id: 'sdkBob' }, { id: 'sdkCid' }];
    const result = await sdk.Group.create({ id: 'sdkG1', name: 'SDK 群', members });
    expect(result).toEqual({ code: 200 });
    expect(lastExchange().body).toBe(
      'userId=sdkAnn&userId=sdkBob&userId=sdkCid&groupId=sdkG1&groupName=SDK%20%E7%BE%A4',
    );
    expect(emulator.state.getGroup('sdkG1')).toEqual({
      id: 'sdkG1',
      name: 'SDK 群',
      members: ['sdkAnn', 'sdkBob', 'sdkCid'],
    });
  });

  it('joins, re-joins and quits, including a non-member quit', async () => {
    expect(await sdk.Group.join({ id: 'sdkG1', name: 'SDK 群', member: { id: 'sdkDan' } })).toEqual({
      code: 200,
    });
    expect(lastExchange().body).toBe('groupId=sdkG1&groupName=SDK%20%E7%BE%A4&userId=sdkDan');
    expect(await sdk.Group.join({ id: 'sdkG1', name: 'SDK 群', member: { id: 'sdkDan' } })).toEqual({
      code: 200,
    });
    expect(await sdk.Group.quit({ id: 'sdkG1', member: { id: 'sdkBob' } })).toEqual({ code: 200 });
    expect(lastExchange().body).toBe('groupId=sdkG1&userId=sdkBob');
    expect(await sdk.Group.quit({ id: 'sdkG1', member: { id: 'neverJoined' } })).toEqual({ code: 200 });
    expect(emulator.state.getGroup('sdkG1')?.members).toEqual(['sdkAnn', 'sdkCid', 'sdkDan']);
  });

  it('join without a name sends the literal "undefined", which becomes the group name', async () => {
    await sdk.Group.join({ id: 'sdkG1', member: { id: 'sdkEve' } });
    expect(lastExchange().body).toBe('groupId=sdkG1&groupName=undefined&userId=sdkEve');
    expect(emulator.state.getGroup('sdkG1')?.name).toBe('undefined');
  });

  it('renames and queries a group (users → members)', async () => {
    expect(await sdk.Group.update({ id: 'sdkG1', name: 'Renamed' })).toEqual({ code: 200 });
    expect(lastExchange().body).toBe('groupId=sdkG1&groupName=Renamed');
    expect(emulator.state.getGroup('sdkG1')?.name).toBe('Renamed');
    const result = await sdk.Group.get({ id: 'sdkG1' });
    expect(result).toEqual({
      code: 200,
      members: [{ id: 'sdkAnn' }, { id: 'sdkCid' }, { id: 'sdkDan' }, { id: 'sdkEve' }],
    });
  });

  it('syncs with percent-encoded group[…] keys', async () => {
    const result = await sdk.Group.sync({
      id: 'sdkAnn',
      groups: [
        { id: 'sdkG2', name: 'Two' },
        { id: 'sdkG3', name: 'Three 3' },
      ],
    });
    expect(result).toEqual({ code: 200 });
    expect(lastExchange().body).toBe('userId=sdkAnn&group%5BsdkG2%5D=Two&group%5BsdkG3%5D=Three%203');
    expect(emulator.state.getGroup('sdkG1')?.members).not.toContain('sdkAnn');
    expect(emulator.state.getGroup('sdkG2')).toEqual({ id: 'sdkG2', name: 'Two', members: ['sdkAnn'] });
    expect(emulator.state.getGroup('sdkG3')).toEqual({ id: 'sdkG3', name: 'Three 3', members: ['sdkAnn'] });
  });

  it('dismisses a group, and an unknown one', async () => {
    expect(await sdk.Group.dismiss({ id: 'sdkG1', member: { id: 'sdkCid' } })).toEqual({ code: 200 });
    expect(lastExchange().body).toBe('groupId=sdkG1&userId=sdkCid');
    expect(emulator.state.getGroup('sdkG1')).toBeUndefined();
    expect(await sdk.Group.dismiss({ id: 'neverExisted', member: { id: 'sdkCid' } })).toEqual({ code: 200 });
  });

  it('gags, bans and whitelists with the SDK, which renames users → members and groupinfo → groups', async () => {
    const gag = await sdk.Group.Gag.add({
      id: 'sdkG2',
      members: [{ id: 'sdkAnn' }, { id: 'sdkBob' }],
      minute: 0,
    });
    expect(gag).toEqual({ code: 200 });
    expect(lastExchange().body).toBe('userId=sdkAnn&userId=sdkBob&minute=0&groupId=sdkG2');
    expect(await sdk.Group.Gag.remove({ id: 'sdkG2', members: [{ id: 'sdkBob' }] })).toEqual({ code: 200 });
    expect(await sdk.Group.Gag.getList({ id: 'sdkG2' })).toEqual({
      code: 200,
      members: [{ id: 'sdkAnn', startTime: expect.any(String), time: '' }],
    });
    expect(await sdk.Group.Mute.All.add({ groups: [{ id: 'sdkG2' }, { id: 'sdkG3' }] })).toEqual({
      code: 200,
    });
    expect(lastExchange().body).toBe('groupId=sdkG2&groupId=sdkG3');
    await sdk.Group.Mute.All.remove({ groups: [{ id: 'sdkG3' }] });
    // getList sends an empty body: every banned group comes back.
    expect(await sdk.Group.Mute.All.getList()).toEqual({ code: 200, groups: [{ id: 'sdkG2', isMuted: 1 }] });
    expect(lastExchange().body).toBe('');
    await sdk.Group.Mute.Whitelist.add({ id: 'sdkG2', members: [{ id: 'sdkAnn' }] });
    expect(await sdk.Group.Mute.Whitelist.getList({ id: 'sdkG2' })).toEqual({
      code: 200,
      id: 'sdkG2',
      members: [{ id: 'sdkAnn' }],
    });
    expect(emulator.state.getGroupMutes('sdkG2')).toEqual({
      gagged: [{ userId: 'sdkAnn', until: null }],
      banned: true,
      whitelist: ['sdkAnn'],
    });
  });

  it('reuses one nonce, timestamp and signature for every request', () => {
    const signatures = new Set(
      proxy.exchanges.map(({ headers }) => `${headers.Nonce}|${headers.Timestamp}|${headers.Signature}`),
    );
    expect(proxy.exchanges.length).toBeGreaterThan(10);
    expect(signatures.size).toBe(1);
    expect([...signatures][0]).toMatch(/^\d+\|\d{10}\|[0-9a-f]{40}$/);
    expect(proxy.exchanges.every((exchange) => exchange.status === 200)).toBe(true);
    expect(proxy.exchanges[0]?.headers['User-Agent']).toBe('rc-nodejs-sdk/3.1.1');
  });

  it('gets 401 + 1004 for a wrong secret, which the SDK resolves as code "20000"', async () => {
    const wrongSdk = initSdk(APP_KEY, 'wrongSecret', proxy.url);
    try {
      const result = await wrongSdk.Group.get({ id: 'sdkG2' });
      expect(result.code).toBe('20000');
      expect(lastExchange().status).toBe(401);
      expect(JSON.parse(lastExchange().responseBody)).toEqual({
        code: 1004,
        errorMessage: expect.any(String),
      });
    } finally {
      sdk = initSdk(APP_KEY, APP_SECRET, proxy.url);
    }
  });

  it('answers the SDK-shaped request signed with a wrong secret with 401 + 1004 over plain fetch', async () => {
    const { Nonce, Timestamp } = lastExchange().headers as { Nonce: string; Timestamp: string };
    const response = await fetch(`${emulator.url}/group/user/query.json`, {
      method: 'POST',
      headers: {
        'App-Key': APP_KEY,
        Nonce,
        Timestamp,
        Signature: sha1Hex(`wrongSecret${Nonce}${Timestamp}`),
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: 'groupId=sdkG2',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ code: 1004, errorMessage: expect.any(String) });
  });

  it('still works with the right secret after re-initialising', async () => {
    expect(await sdk.Group.get({ id: 'sdkG2' })).toEqual({ code: 200, members: [{ id: 'sdkAnn' }] });
  });
});
