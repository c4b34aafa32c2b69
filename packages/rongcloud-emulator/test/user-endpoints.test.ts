// /user/getToken.json and /user/refresh.json.
import { describe, expect, it } from 'vitest';
import { callApi, callControl } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const JSON_UTF8 = 'application/json; charset=utf-8';

describe('user endpoints', () => {
  const emulator = useEmulator();
  const call = (path: string, form: ReadonlyArray<readonly [string, string]> | string) =>
    callApi(emulator.current.url, path, form);

  it('getToken answers exactly {code, userId, token} and stores the profile', async () => {
    const res = await call('/user/getToken.json', [
      ['userId', 'alice1'],
      ['name', 'Alice Liddell'],
      ['portraitUri', 'https://img.example/a.png'],
    ]);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe(JSON_UTF8);
    expect(res.body).toEqual({ code: 200, userId: 'alice1', token: expect.any(String) });
    const user = await callControl(emulator.current.url, 'GET', '/_emulator/users/alice1');
    expect(user.body).toEqual({
      id: 'alice1',
      name: 'Alice Liddell',
      portraitUri: 'https://img.example/a.png',
      tokenCount: 1,
    });
  });

  it('issues a new token on every call, keeping the earlier ones', async () => {
    const first = await call('/user/getToken.json', 'userId=bob&name=Bob');
    const second = await call('/user/getToken.json', 'userId=bob&name=Robert');
    expect(first.body.token).not.toBe(second.body.token);
    const user = emulator.current.state.getUser('bob');
    expect(user).toMatchObject({ name: 'Robert', portraitUri: '', tokenCount: 2 });
    expect(user?.tokens).toEqual([first.body.token, second.body.token]);
  });

  it('getToken keeps the stored portrait when none is sent', async () => {
    await call('/user/getToken.json', 'userId=carol&name=Carol&portraitUri=https%3A%2F%2Fp%2Fc.png');
    await call('/user/getToken.json', 'userId=carol&name=Carol');
    expect(emulator.current.state.getUser('carol')?.portraitUri).toBe('https://p/c.png');
  });

  it.each([
    ['userId', 'name=Alice'],
    ['name', 'userId=alice1'],
    ['an empty name', 'userId=alice1&name='],
  ])('getToken without %s is 400 + 1002', async (_label, body) => {
    const res = await call('/user/getToken.json', body);
    expect(res.status).toBe(400);
    expect(res.contentType).toBe(JSON_UTF8);
    expect(res.body).toEqual({ code: 1002, errorMessage: expect.any(String) });
  });

  it('refresh changes only the fields sent', async () => {
    await call('/user/getToken.json', 'userId=dave&name=Dave&portraitUri=p1');
    expect((await call('/user/refresh.json', 'userId=dave&name=David')).body).toEqual({ code: 200 });
    expect(emulator.current.state.getUser('dave')).toMatchObject({ name: 'David', portraitUri: 'p1' });
    await call('/user/refresh.json', 'userId=dave&portraitUri=p2');
    expect(emulator.current.state.getUser('dave')).toMatchObject({
      name: 'David',
      portraitUri: 'p2',
      tokenCount: 1,
    });
  });

  it('refresh of a user that never got a token is 400 + code 400 (emulator choice)', async () => {
    const res = await call('/user/refresh.json', 'userId=ghost&name=Ghost');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 400, errorMessage: expect.any(String) });
    expect(emulator.current.state.getUser('ghost')).toBeUndefined();
  });

  it('refresh without userId is 400 + 1002', async () => {
    const res = await call('/user/refresh.json', 'name=Nobody');
    expect([res.status, res.body.code]).toEqual([400, 1002]);
  });

  it('decodes + and %20 as spaces and UTF-8 percent escapes', async () => {
    await call('/user/getToken.json', 'userId=erin&name=Erin+van%20Dijk%20%E5%BC%A0');
    expect(emulator.current.state.getUser('erin')?.name).toBe('Erin van Dijk 张');
  });
});
