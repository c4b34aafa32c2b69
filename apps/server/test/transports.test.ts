// One operation, two transports: tRPC carries each operation once, typed and with the right kind; the REST layer
// adds the legacy forms (method aliases, strings for numbers and booleans, forms) around the same procedure.
import { operationsOf } from '@groupchat/api';
import { describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer();

const json = { 'content-type': 'application/json' };

async function ownedGroup() {
  const owner = await registerUser(server.url);
  const res = await fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...owner.auth, ...json },
    body: JSON.stringify({ name: 'transports', code: '' }),
  });
  const group = (await res.json()) as { id: number };
  return { owner, group };
}

const state = async (groupId: number) => ({
  group: await server.db.groups.findById(groupId, { status: 1, name: 1, ownerId: 1 }).lean(),
  members: (await server.db.memberships.find({ groupId }, { userId: 1 }).lean()).map((m) => m.userId),
});

describe('tRPC', () => {
  it('refuses every mutation sent as GET (405) and changes nothing, whatever the input', async () => {
    const { owner, group } = await ownedGroup();
    const before = await state(group.id);
    const mutations = operationsOf().filter((operation) => operation.type === 'mutation');
    expect(mutations.map((operation) => operation.name)).toContain('groups.dismiss');
    for (const operation of mutations) {
      const input = encodeURIComponent(JSON.stringify({ id: group.id, userid: owner.id, name: 'renamed' }));
      const res = await fetch(`${server.url}/trpc/${operation.name}?input=${input}`, { headers: owner.auth });
      expect(res.status, operation.name).toBe(405);
    }
    expect(await state(group.id)).toEqual(before);
  });

  it('takes numbers as numbers: a string id is a validation error', async () => {
    const { owner, group } = await ownedGroup();
    const res = await fetch(`${server.url}/trpc/groups.quit`, {
      method: 'POST',
      headers: { ...owner.auth, ...json },
      body: JSON.stringify({ id: String(group.id) }),
    });
    expect(res.status).toBe(400);
    expect(
      ((await res.json()) as { error: { data: { envelope: { code: string } } } }).error.data.envelope.code,
    ).toBe('validation_error');
    expect((await state(group.id)).members).toEqual([owner.id]);
  });
});

describe('REST adapter', () => {
  it('leaves with the legacy GET, the same operation as POST', async () => {
    const { owner, group } = await ownedGroup();
    const member = await registerUser(server.url);
    await fetch(`${server.url}/api/im/group/${group.id}/join/`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: `userid=${member.id}`,
    });
    const res = await fetch(`${server.url}/api/im/group/${group.id}/quit/`, { headers: member.auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ detail: '操作成功' });
    expect((await state(group.id)).members).toEqual([owner.id]);
  });

  it('dismisses with GET, POST or DELETE', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      const { owner, group } = await ownedGroup();
      const res = await fetch(`${server.url}/api/im/group/${group.id}/dismiss/`, {
        method,
        headers: owner.auth,
      });
      expect(res.status, method).toBe(200);
      expect((await state(group.id)).group?.status, method).toBe('dismissed');
    }
  });

  it('turns query strings into the booleans and numbers the procedure takes', async () => {
    const { owner } = await ownedGroup();
    const token = await fetch(`${server.url}/api/im/token/?renew=true`, { headers: owner.auth });
    expect(token.status).toBe(200);
    const page = await fetch(`${server.url}/api/im/group/?page=1&page_size=5`, { headers: owner.auth });
    expect(await page.json()).toMatchObject({ count: 1, next: null, previous: null });
    const bad = await fetch(`${server.url}/api/im/token/?renew=maybe`, { headers: owner.auth });
    expect(bad.status).toBe(400);
    expect(Object.keys(((await bad.json()) as { fields: object }).fields)).toEqual(['renew']);
  });

  it('answers a known path with a method it does not serve with 405 and Allow', async () => {
    const { owner, group } = await ownedGroup();
    const res = await fetch(`${server.url}/api/im/group/${group.id}/quit/`, {
      method: 'PUT',
      headers: owner.auth,
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    expect(await res.json()).toEqual({ detail: '方法不被允许。', code: 'method_not_allowed' });
    expect((await state(group.id)).members).toEqual([owner.id]);
  });

  it('answers OPTIONS with Allow and HEAD like GET without a body', async () => {
    const { owner } = await ownedGroup();
    const options = await fetch(`${server.url}/api/users/me/`, { method: 'OPTIONS', headers: owner.auth });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, PATCH, HEAD, OPTIONS');
    const head = await fetch(`${server.url}/api/users/me/`, { method: 'HEAD', headers: owner.auth });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await head.text()).toBe('');
  });

  it('refuses text where an upload belongs instead of ignoring it', async () => {
    const { owner, group } = await ownedGroup();
    const res = await fetch(`${server.url}/api/im/group/${group.id}/`, {
      method: 'PATCH',
      headers: { ...owner.auth, ...json, 'accept-language': 'en' },
      body: JSON.stringify({ cover: 'http://evil.example/cover.png' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      detail: 'Invalid input.',
      code: 'validation_error',
      fields: { cover: ['The submitted data was not a file.'] },
    });
  });
});
