// Django REST Framework's field messages instead of zod's, in DRF's English and its zh-hans translation, the same
// over REST and tRPC (contracts' error map; docs/api.md#field-messages).
import { describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer();

const json = { 'content-type': 'application/json' };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });

const en = { 'accept-language': 'en' };

async function fieldsOf(res: Response) {
  expect(res.status).toBe(400);
  const body = (await res.json()) as { code: string; fields: Record<string, string[]> };
  expect(body.code).toBe('validation_error');
  return body.fields;
}

describe('REST', () => {
  it('a missing required field: "This field is required." / "该字段是必填项。"', async () => {
    expect(await fieldsOf(await post('/api/auth/register/', {}, en))).toEqual({
      username: ['This field is required.'],
      password: ['This field is required.'],
    });
    expect(await fieldsOf(await post('/api/auth/register/', {}))).toEqual({
      username: ['该字段是必填项。'],
      password: ['该字段是必填项。'],
    });
  });

  it('null: "This field may not be null."; blank: "This field may not be blank."', async () => {
    const res = await post('/api/auth/login/', { username: null, password: '' }, en);
    expect(await fieldsOf(res)).toEqual({
      username: ['This field may not be null.'],
      password: ['This field may not be blank.'],
    });
    const zh = await post('/api/auth/login/', { username: '   ', password: null });
    expect(await fieldsOf(zh)).toEqual({ username: ['该字段不能为空。'], password: ['该字段不能为 null。'] });
  });

  it('lengths: "Ensure this field has no more than N characters." and at least N', async () => {
    const res = await post(
      '/api/auth/register/',
      { username: '13900000000', password: 'short', nick: 'n'.repeat(65) },
      en,
    );
    expect(await fieldsOf(res)).toEqual({
      password: ['Ensure this field has at least 8 characters.'],
      nick: ['Ensure this field has no more than 64 characters.'],
    });
    const zh = await post('/api/auth/register/', { username: '13900000000', password: 'p'.repeat(129) });
    expect(await fieldsOf(zh)).toEqual({ password: ['请确保这个字段不能超过 128 个字符。'] });
  });

  it('the wrong type: "Not a valid string.", "A valid integer is required.", "Must be a valid boolean."', async () => {
    const user = await registerUser(server.url);
    const group = await (await post('/api/im/group/', { name: 'messages' }, { ...user.auth })).json();
    const name = await post('/api/auth/login/', { username: ['a'], password: { x: 1 } }, en);
    expect(await fieldsOf(name)).toEqual({
      username: ['Not a valid string.'],
      password: ['Not a valid string.'],
    });
    const pull = await post(`/api/im/group/${group.id}/join/`, { userid: 'abc' }, { ...user.auth, ...en });
    expect(await fieldsOf(pull)).toEqual({ userid: ['A valid integer is required.'] });
    const fraction = await post(`/api/im/group/${group.id}/join/`, { userid: 1.5 }, user.auth);
    expect(await fieldsOf(fraction)).toEqual({ userid: ['请填写合法的整数值。'] });
    const flag = await fetch(`${server.url}/api/im/group/${group.id}/mute_all/`, {
      method: 'POST',
      headers: { ...user.auth, 'content-type': 'application/x-www-form-urlencoded', ...en },
      body: 'enabled=yes',
    });
    expect(await fieldsOf(flag)).toEqual({ enabled: ['Must be a valid boolean.'] });
  });

  it('values out of range, choices and lists, as DRF words them', async () => {
    const user = await registerUser(server.url);
    const group = await (await post('/api/im/group/', { name: 'ranges' }, user.auth)).json();
    const zero = await post(`/api/im/group/${group.id}/join/`, { userid: 0 }, { ...user.auth, ...en });
    expect(await fieldsOf(zero)).toEqual({ userid: ['Ensure this value is greater than or equal to 1.'] });
    const choice = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, ...json, ...en },
      body: JSON.stringify({ group_invites: 'never' }),
    });
    expect(await fieldsOf(choice)).toEqual({ group_invites: ['"never" is not a valid choice.'] });
    const zhChoice = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: { ...user.auth, ...json },
      body: JSON.stringify({ group_invites: 'x'.repeat(5000) }),
    });
    const [message] = (await fieldsOf(zhChoice)).group_invites ?? [];
    expect(message).toBe(`“${'x'.repeat(64)}…” 不是合法选项。`);
    const kick = await post(`/api/im/group/${group.id}/kick/`, { userids: [] }, { ...user.auth, ...en });
    expect(await fieldsOf(kick)).toEqual({ userids: ['This list may not be empty.'] });
    const many = await post(
      `/api/im/group/${group.id}/kick/`,
      { userids: Array.from({ length: 101 }, (_, i) => i + 1) },
      user.auth,
    );
    expect(await fieldsOf(many)).toEqual({ userids: ['该字段不能超过 100 个元素。'] });
  });

  it('keeps the project’s own messages where it has them (a schema’s own text, the visible-text rule)', async () => {
    const res = await post(
      '/api/auth/register/',
      { username: '12', password: 'correct horse', nick: '\u200b' },
      en,
    );
    const fields = await fieldsOf(res);
    expect(fields.username?.[0]).toContain('mainland mobile number');
    expect(fields.nick).toEqual(['Enter visible text, without control or invisible characters.']);
  });
});

describe('tRPC', () => {
  const call = (procedure: string, input: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify(input),
    });

  const envelopeOf = async (res: Response) => {
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { data: { envelope: unknown } } }).error.data.envelope;
  };

  it('gives the same messages as REST, in both languages', async () => {
    expect(await envelopeOf(await call('accounts.register', { password: null }, en))).toEqual({
      detail: 'Invalid input.',
      code: 'validation_error',
      fields: { username: ['This field is required.'], password: ['This field may not be null.'] },
    });
    expect(
      await envelopeOf(await call('accounts.login', { username: ' ', password: 'p'.repeat(129) })),
    ).toEqual({
      detail: '输入数据有误。',
      code: 'validation_error',
      fields: { username: ['该字段不能为空。'], password: ['请确保这个字段不能超过 128 个字符。'] },
    });
    const user = await registerUser(server.url);
    expect(await envelopeOf(await call('groups.quit', { id: '7' }, { ...user.auth, ...en }))).toEqual({
      detail: 'Invalid input.',
      code: 'validation_error',
      fields: { id: ['A valid integer is required.'] },
    });
  });

  it('a body that is no object: "Invalid data. Expected a dictionary, but got list."', async () => {
    expect(await envelopeOf(await call('accounts.login', [1, 2], en))).toEqual({
      detail: 'Invalid input.',
      code: 'validation_error',
      fields: { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] },
    });
  });
});
