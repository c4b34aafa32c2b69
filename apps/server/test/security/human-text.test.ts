// Names, nicks and (planned) announcements are text people show each other: NUL, terminal escapes, right-to-left
// overrides, zero-width-only text and lone surrogates are refused with a field message, over REST and tRPC alike,
// while ordinary text and emoji sequences with joiners pass. One schema (contracts' humanText) holds all of them.
import { ZAnnouncement } from '@groupchat/contracts';
import { describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { useSecurityServer } from './security-server.ts';

const server = useSecurityServer();

const HOSTILE: Record<string, string> = {
  NUL: 'a\u0000b',
  'terminal escape': '\u001b[31mred',
  'right-to-left override': 'abc\u202Egpj.exe',
  'zero-width only': '\u200b\u200b',
  'Hangul filler only': '\u3164',
  'lone surrogate': 'x\ud800y',
  'line break': 'two\nlines',
};
const FINE = ['Hiking 徒步', '👨‍👩‍👧 family', '🏳️‍🌈', 'Ünïcødé'];

const rest = (path: string, method: string, auth: Record<string, string>, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { ...auth, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(body),
  });
const trpc = (procedure: string, auth: Record<string, string>, input: unknown) =>
  fetch(`${server.url}/trpc/${procedure}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(input),
  });

async function expectRefusedField(res: Response, field: string, label: string) {
  const text = await res.text();
  expect(res.status, `${label}: ${text}`).toBe(400);
  const body = JSON.parse(text);
  const envelope = body.error?.data?.envelope ?? body;
  expect(envelope, label).toMatchObject({
    code: 'validation_error',
    fields: { [field]: ['Enter visible text, without control or invisible characters.'] },
  });
}

describe('text people show each other', () => {
  it('refuses hostile group names, nicks and names over REST and tRPC, and stores nothing of them', async () => {
    const user = await registerUser(server.url);
    const group = await (await rest('/api/im/group/', 'POST', user.auth, { name: 'fine' })).json();
    const profile = await server.db.users.findById(user.id, { _id: 0, nick: 1, name: 1 }).lean();
    for (const [label, value] of Object.entries(HOSTILE)) {
      await expectRefusedField(
        await rest('/api/im/group/', 'POST', user.auth, { name: value }),
        'name',
        label,
      );
      await expectRefusedField(await trpc('groups.create', user.auth, { name: value }), 'name', label);
      await expectRefusedField(
        await rest(`/api/im/group/${group.id}/`, 'PATCH', user.auth, { name: value }),
        'name',
        label,
      );
      for (const field of ['nick', 'name']) {
        await expectRefusedField(
          await rest('/api/users/me/', 'PATCH', user.auth, { [field]: value }),
          field,
          label,
        );
        await expectRefusedField(
          await trpc('accounts.updateMe', user.auth, { [field]: value }),
          field,
          label,
        );
      }
      await expectRefusedField(
        await rest(
          '/api/auth/register/',
          'POST',
          {},
          { username: '13900000000', password: 'pw-123456', nick: value },
        ),
        'nick',
        label,
      );
    }
    expect(await server.db.groups.countDocuments({ name: { $ne: 'fine' } })).toBe(0);
    expect(await server.db.users.findById(user.id, { _id: 0, nick: 1, name: 1 }).lean()).toEqual(profile);
  });

  it('accepts ordinary text and emoji joined with zero-width joiners, stored as sent', async () => {
    const user = await registerUser(server.url);
    for (const value of FINE) {
      const res = await rest('/api/im/group/', 'POST', user.auth, { name: value });
      expect(res.status, value).toBe(201);
      expect((await res.json()).name).toBe(value);
      const me = await rest('/api/users/me/', 'PATCH', user.auth, { nick: value });
      expect((await me.json()).nick, value).toBe(value);
    }
  });

  it('applies the same rule to the announcement schema, where "" clears', () => {
    expect(ZAnnouncement.safeParse('').success).toBe(true);
    expect(ZAnnouncement.safeParse('Meet at 9 🚶‍♀️').success).toBe(true);
    for (const value of Object.values(HOSTILE))
      expect(ZAnnouncement.safeParse(value).success, value).toBe(false);
  });
});
