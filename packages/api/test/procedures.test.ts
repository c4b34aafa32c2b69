// Procedures called through createCaller on an inner context: authorization and error mapping at the tRPC seam.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CoreDeps, createLocalMediaStore } from '@groupchat/core';
import { type EmulatedRongCloud, startEmulatedRongCloud, TEST_SETTINGS } from '@groupchat/core/testing';
import { useTestDatabase } from '@groupchat/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiContext, createCaller, toEnvelope } from '../src/index.ts';

const database = useTestDatabase();
let rongCloud: EmulatedRongCloud;
beforeAll(async () => {
  rongCloud = await startEmulatedRongCloud();
});
afterAll(() => rongCloud.close());

const deps = (): CoreDeps => ({
  db: database.db,
  rongcloud: rongCloud.deps,
  media: createLocalMediaStore(mkdtempSync(join(tmpdir(), 'api-media-'))),
  settings: TEST_SETTINGS,
});
const caller = (token?: string, locale: ApiContext['locale'] = 'zh') =>
  createCaller({
    deps: deps(),
    baseUrl: 'https://chat.example.com',
    locale,
    authorization: token ? `Token ${token}` : undefined,
  });

describe('procedures on an inner context', () => {
  it('hides one user’s group code and groups from another', async () => {
    const alice = await caller().auth.register({ username: '13600000001', password: 'password1' });
    const bob = await caller().auth.register({ username: '13600000002', password: 'password1' });
    const group = await caller(alice.token).im.createGroup({ name: 'alice', code: '1357' });
    expect(group.cover).toBe('https://chat.example.com/media/defaults/cover.png');
    expect((await caller(bob.token).im.retrieveGroup({ id: group.id })).code).toBe('');
    expect((await caller(alice.token).im.retrieveGroup({ id: group.id })).code).toBe('1357');
    expect((await caller(bob.token).im.listGroups({})).count).toBe(0);
  });

  it('maps domain errors to the tRPC code of their HTTP status and to the envelope', async () => {
    const error = await caller()
      .users.me()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('UNAUTHORIZED');
    expect(toEnvelope(error, 'en')).toEqual({
      status: 401,
      envelope: { detail: 'Authentication credentials were not provided.', code: 'not_authenticated' },
    });
  });

  it('reports invalid input per field', async () => {
    const error = await caller()
      .auth.register({ username: 'nope', password: 'short' })
      .catch((caught: unknown) => caught);
    const { status, envelope } = toEnvelope(error, 'zh');
    expect(status).toBe(400);
    expect(envelope.code).toBe('validation_error');
    expect(Object.keys(envelope.fields ?? {}).sort()).toEqual(['password', 'username']);
  });
});
