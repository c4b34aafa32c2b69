// RongCloud's limits (§3.13), request-shape errors, unknown paths and methods.
import { describe, expect, it } from 'vitest';
import { callApi, type Form } from './support/api-client.ts';
import { useEmulator } from './support/emulator-fixture.ts';

const ids = (count: number, prefix = 'u') =>
  Array.from({ length: count }, (_, i) => ['userId', `${prefix}${i}`] as const);

describe('member cap (configured to 3)', () => {
  const emulator = useEmulator({ maxMembers: 3 });
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);

  it('refuses a join past the cap with HTTP 405 + 1002 and changes nothing', async () => {
    await call('/group/create.json', 'userId=a&userId=b&userId=c&groupId=full&groupName=F');
    const res = await call('/group/join.json', 'userId=d&groupId=full');
    expect(res.status).toBe(405);
    expect(res.body).toEqual({ code: 1002, errorMessage: expect.any(String) });
    expect(emulator.current.state.getGroup('full')?.members).toEqual(['a', 'b', 'c']);
  });

  it('is all-or-nothing for a batch and counts only new members', async () => {
    await call('/group/create.json', 'userId=a&userId=b&groupId=g&groupName=G');
    const over = await call('/group/join.json', 'userId=a&userId=c&userId=d&groupId=g');
    expect(over.status).toBe(405);
    expect(emulator.current.state.getGroup('g')?.members).toEqual(['a', 'b']);
    const fits = await call('/group/join.json', 'userId=a&userId=b&userId=c&groupId=g');
    expect(fits.body).toEqual({ code: 200 });
  });

  it('refuses a create with more members than the cap', async () => {
    const res = await call('/group/create.json', [...ids(4), ['groupId', 'big'], ['groupName', 'B']]);
    expect([res.status, res.body.code]).toEqual([405, 1002]);
    expect(emulator.current.state.getGroup('big')).toBeUndefined();
  });

  it('refuses a sync into a full group', async () => {
    await call('/group/create.json', 'userId=a&userId=b&userId=c&groupId=full&groupName=F');
    await call('/group/create.json', 'userId=z&groupId=mine&groupName=M');
    const res = await call('/group/sync.json', 'userId=z&group%5Bfull%5D=F');
    expect([res.status, res.body.code]).toEqual([405, 1002]);
    expect(emulator.current.state.getGroup('mine')?.members).toEqual(['z']);
  });
});

describe('parameter limits', () => {
  const emulator = useEmulator();
  const call = (path: string, form: Form) => callApi(emulator.current.url, path, form);
  const expectError = async (path: string, form: Form, status: number, code: number) => {
    const res = await call(path, form);
    expect([res.status, res.body.code], `${path} ${String(form).slice(0, 80)}`).toEqual([status, code]);
    expect(res.body.errorMessage).toEqual(expect.any(String));
  };

  it('accepts ids of exactly 64 letters and digits', async () => {
    const id = `A1${'z'.repeat(62)}`;
    const res = await call('/group/create.json', [
      ['userId', id],
      ['groupId', id],
      ['groupName', 'G'],
    ]);
    expect(res.body).toEqual({ code: 200 });
  });

  it('refuses ids longer than 64 with 400 + 1005', async () => {
    const long = 'a'.repeat(65);
    await expectError(
      '/user/getToken.json',
      [
        ['userId', long],
        ['name', 'N'],
      ],
      400,
      1005,
    );
    await expectError(
      '/group/create.json',
      [
        ['userId', 'u1'],
        ['groupId', long],
        ['groupName', 'G'],
      ],
      400,
      1005,
    );
    await expectError(
      '/group/join.json',
      [
        ['userId', long],
        ['groupId', 'g'],
      ],
      400,
      1005,
    );
  });

  it.each(['dev_user', 'a-b', 'a b', 'a.b', '用户', 'a+b'])(
    'refuses the id %j with 400 + 1002',
    async (id) => {
      await expectError(
        '/user/getToken.json',
        [
          ['userId', id],
          ['name', 'N'],
        ],
        400,
        1002,
      );
      await expectError(
        '/group/quit.json',
        [
          ['userId', 'u1'],
          ['groupId', id],
        ],
        400,
        1002,
      );
    },
  );

  it('counts names in characters: 64 CJK characters pass, 65 characters are 400 + 1005', async () => {
    const ok = await call('/user/getToken.json', [
      ['userId', 'u1'],
      ['name', '张'.repeat(64)],
    ]);
    expect(ok.body.code).toBe(200);
    await expectError(
      '/user/getToken.json',
      [
        ['userId', 'u1'],
        ['name', 'n'.repeat(65)],
      ],
      400,
      1005,
    );
    await expectError(
      '/user/refresh.json',
      [
        ['userId', 'u1'],
        ['name', 'n'.repeat(65)],
      ],
      400,
      1005,
    );
    await expectError(
      '/group/create.json',
      [
        ['userId', 'u1'],
        ['groupId', 'g'],
        ['groupName', 'n'.repeat(65)],
      ],
      400,
      1005,
    );
    await expectError(
      '/group/refresh.json',
      [
        ['groupId', 'g'],
        ['groupName', 'n'.repeat(65)],
      ],
      400,
      1005,
    );
    await expectError(
      '/group/sync.json',
      [
        ['userId', 'u1'],
        ['group[g]', 'n'.repeat(65)],
      ],
      400,
      1005,
    );
  });

  it('limits portraitUri to 1024 bytes', async () => {
    const ok = await call('/user/getToken.json', [
      ['userId', 'u1'],
      ['name', 'N'],
      ['portraitUri', 'p'.repeat(1024)],
    ]);
    expect(ok.body.code).toBe(200);
    // 342 three-byte characters = 1026 bytes: the limit is in bytes, not characters.
    await expectError(
      '/user/getToken.json',
      [
        ['userId', 'u1'],
        ['name', 'N'],
        ['portraitUri', '图'.repeat(342)],
      ],
      400,
      1005,
    );
  });

  it('takes at most 1000 userIds per call (400 + 1002 above)', async () => {
    const ok = await call('/group/create.json', [...ids(1000), ['groupId', 'big'], ['groupName', 'B']]);
    expect(ok.body).toEqual({ code: 200 });
    expect(emulator.current.state.getGroup('big')?.members).toHaveLength(1000);
    await expectError('/group/join.json', [...ids(1001, 'x'), ['groupId', 'big']], 400, 1002);
    await expectError('/group/quit.json', [...ids(1001), ['groupId', 'big']], 400, 1002);
    expect(emulator.current.state.getGroup('big')?.members).toHaveLength(1000);
  });

  it('answers an empty body or a JSON body with 400 + 1002', async () => {
    await expectError('/group/create.json', '', 400, 1002);
    await expectError(
      '/group/create.json',
      JSON.stringify({ groupId: 'g', groupName: 'G', userId: ['a'] }),
      400,
      1002,
    );
  });

  it('refuses a body over 100 KB with 400 + 1508', async () => {
    await expectError(
      '/group/refresh.json',
      `groupId=g&groupName=G&pad=${'x'.repeat(101 * 1024)}`,
      400,
      1508,
    );
  });

  it('ignores parameters it does not know', async () => {
    const res = await call(
      '/group/create.json',
      'userId=a&groupId=g&groupName=G&bindNotifyMsg=true&maxMember=9',
    );
    expect(res.body).toEqual({ code: 200 });
  });
});

describe('paths and methods', () => {
  const emulator = useEmulator();

  it.each(['/group/nothing.json', '/group/create', '/group/create.xml', '/'])(
    'answers %s with HTTP 404 + code 404',
    async (path) => {
      const res = await callApi(emulator.current.url, path, 'groupId=g');
      expect(res.status).toBe(404);
      expect(res.contentType).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({ code: 404, errorMessage: expect.any(String) });
    },
  );

  it.each(['GET', 'PUT', 'DELETE'])('answers %s on an API path with HTTP 405 + code 405', async (method) => {
    const res = await callApi(
      emulator.current.url,
      '/group/create.json',
      'userId=a&groupId=g&groupName=G',
      {},
      { method },
    );
    expect([res.status, res.body.code]).toEqual([405, 405]);
    expect(emulator.current.state.getGroup('g')).toBeUndefined();
  });

  it('ignores a query string on the URL', async () => {
    const res = await callApi(
      emulator.current.url,
      '/group/create.json?x=1',
      'userId=a&groupId=g&groupName=G',
    );
    expect(res.body).toEqual({ code: 200 });
  });
});
