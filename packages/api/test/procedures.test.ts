// Procedures called through createCaller on an inner context: authorization and error mapping at the tRPC seam.
import { useCoreDeps } from '@groupchat/core/testing';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { type ApiContext, createCaller, toEnvelope } from '../src/index.ts';

const deps = useCoreDeps();
const caller = (token?: string, locale: ApiContext['locale'] = 'zh') =>
  createCaller({
    deps,
    baseUrl: 'https://chat.example.com',
    locale,
    authorization: token ? `Token ${token}` : undefined,
  });

describe('procedures on an inner context', () => {
  it('hides one user’s group code and groups from another', async () => {
    const alice = await caller().accounts.register({ username: '13600000001', password: 'password1' });
    const bob = await caller().accounts.register({ username: '13600000002', password: 'password1' });
    const group = await caller(alice.token).groups.create({ name: 'alice', code: '1357' });
    expect(group.cover).toBe('https://chat.example.com/media/defaults/cover.png');
    expect((await caller(bob.token).groups.retrieve({ id: group.id })).code).toBe('');
    expect((await caller(alice.token).groups.retrieve({ id: group.id })).code).toBe('1357');
    expect((await caller(bob.token).groups.list({})).count).toBe(0);
  });

  it('maps domain errors to the tRPC code of their HTTP status and to the envelope', async () => {
    const error = await caller()
      .accounts.getMe()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
    expect(toEnvelope(error, 'en')).toEqual({
      status: 401,
      envelope: { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' },
    });
  });

  it('renders field messages of the error table in the caller’s language', async () => {
    await caller().accounts.register({ username: '13600000003', password: 'password1' });
    const error = await caller()
      .accounts.register({ username: '13600000003', password: 'password1' })
      .catch((caught: unknown) => caught);
    expect(toEnvelope(error, 'en').envelope.fields).toEqual({
      username: ['A user with that phone number already exists.'],
    });
    expect(toEnvelope(error, 'zh').envelope.fields).toEqual({ username: ['该手机号已注册。'] });
  });

  it('reports invalid input per field', async () => {
    const error = await caller()
      .accounts.register({ username: 'nope', password: 'short' })
      .catch((caught: unknown) => caught);
    const { status, envelope } = toEnvelope(error, 'zh');
    expect(status).toBe(400);
    expect(envelope.code).toBe('validation_error');
    expect(Object.keys(envelope.fields ?? {}).sort()).toEqual(['password', 'username']);
  });

  it('takes typed inputs only: a string id is refused over tRPC', async () => {
    const error = await caller()
      .groups.retrieve({ id: '1' as unknown as number })
      .catch((caught: unknown) => caught);
    expect(toEnvelope(error, 'en')).toMatchObject({
      status: 400,
      envelope: { fields: { id: [expect.any(String)] } },
    });
  });
});
