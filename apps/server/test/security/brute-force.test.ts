// Guessing passwords and face-to-face codes is throttled (OWASP API2, API6): a few failures per window, then 429
// with Retry-After even for the right answer, also against bursts of parallel guesses; and a wrong password tells
// nothing about whether the account exists, not even through its timing.
import { describe, expect, it } from 'vitest';
import { newPhone, registerUser } from '../test-server.ts';
import { useSecurityServer } from './security-server.ts';

const MAX_FAILURES = 3;
const WINDOW_SECONDS = 60;

const server = useSecurityServer({
  env: {
    LOGIN_MAX_FAILURES: String(MAX_FAILURES),
    LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    CODE_MAX_FAILURES: String(MAX_FAILURES),
    CODE_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    // Dear enough that a skipped hash would show in the timing test.
    PASSWORD_HASH_COST: '13',
  },
});

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const login = (username: string, password: string) => json('/api/auth/login/', { username, password });

function tally(statuses: number[]) {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * A burst may be refused more eagerly than a sequence (concurrent guesses count each other), never less: the guesses
 * it got checked plus those still allowed after it add up to at most the limit.
 */
async function expectAtMostMaxGuesses(burst: number[], guess: (i: number) => Promise<Response>) {
  const counts = tally(burst);
  expect((counts[400] ?? 0) + (counts[429] ?? 0), JSON.stringify(counts)).toBe(burst.length);
  let checked = counts[400] ?? 0;
  for (let i = 0; i <= MAX_FAILURES; i++) {
    const { status } = await guess(i);
    if (status === 429) break;
    expect(status).toBe(400);
    checked++;
  }
  expect(checked, JSON.stringify(counts)).toBeLessThanOrEqual(MAX_FAILURES);
}

async function expectThrottled(res: Response) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(await res.json()).toEqual({ detail: '请求过于频繁，请稍后再试。', code: 'throttled' });
}

describe('login', () => {
  it(`refuses even the right password after ${MAX_FAILURES} wrong ones, and only for that account`, async () => {
    const victim = await registerUser(server.url);
    const bystander = await registerUser(server.url);
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await login(victim.username, `guess ${i}`)).status).toBe(400);
    await expectThrottled(await login(victim.username, 'correct horse'));
    expect((await login(bystander.username, 'correct horse')).status).toBe(200);
  });

  it('throttles guesses at an unknown account the same way, with the same answers', async () => {
    const known = await registerUser(server.url);
    const unknown = newPhone();
    const wrong = await login(known.username, 'wrong password');
    const missing = await login(unknown, 'wrong password');
    expect(missing.status).toBe(wrong.status);
    expect(await missing.json()).toEqual(await wrong.json());
    for (let i = 1; i < MAX_FAILURES; i++) expect((await login(unknown, `guess ${i}`)).status).toBe(400);
    await expectThrottled(await login(unknown, 'anything'));
  });

  it('holds the limit against a burst of parallel guesses', async () => {
    const victim = await registerUser(server.url);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        login(victim.username, `parallel guess ${i}`).then((r) => r.status),
      ),
    );
    await expectAtMostMaxGuesses(statuses, (i) => login(victim.username, `sequential guess ${i}`));
    await expectThrottled(await login(victim.username, 'correct horse'));
  });

  it('forgets failures after a successful login', async () => {
    const user = await registerUser(server.url);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await login(user.username, `typo ${i}`)).status).toBe(400);
    expect((await login(user.username, 'correct horse')).status).toBe(200);
    for (let i = 1; i < MAX_FAILURES; i++) expect((await login(user.username, `typo ${i}`)).status).toBe(400);
    expect((await login(user.username, 'correct horse')).status).toBe(200);
  });

  it('spends as long on an unknown account as on a wrong password (no enumeration by timing)', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => registerUser(server.url)));
    const timed = async (username: string) => {
      const started = performance.now();
      expect((await login(username, 'not the password')).status).toBe(400);
      return performance.now() - started;
    };
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (const user of users) {
      wrong.push(await timed(user.username));
      unknown.push(await timed(newPhone()));
    }
    // Without the dummy hash an unknown account would answer many times faster than a wrong password.
    expect(median(unknown)).toBeGreaterThan(median(wrong) / 3);
  });
});

describe('face-to-face codes', () => {
  async function groupWithCode(code: string) {
    const owner = await registerUser(server.url);
    const res = await json('/api/im/group/', { name: 'guess me', code }, owner.auth);
    expect(res.status).toBe(201);
    return (await res.json()).id as number;
  }
  const invite = (groupId: number, code: string, auth: { authorization: string }) =>
    json(`/api/im/group/${groupId}/invite/`, { code }, auth);

  it(`refuses even the right code after ${MAX_FAILURES} wrong ones, and only for that guesser`, async () => {
    const groupId = await groupWithCode('80417263');
    const guesser = await registerUser(server.url);
    for (let i = 0; i < MAX_FAILURES; i++) {
      const res = await invite(groupId, String(10_000_000 + i), guesser.auth);
      expect(res.status).toBe(400);
      // The refusal says nothing about how close the guess was.
      expect(await res.json()).toEqual({ detail: '面对面号码错误。', code: 'code_invalid' });
    }
    await expectThrottled(await invite(groupId, '80417263', guesser.auth));
    expect(await server.db.memberships.countDocuments({ groupId })).toBe(1);

    const honest = await registerUser(server.url);
    expect((await invite(groupId, '80417263', honest.auth)).status).toBe(200);
  });

  it('holds the limit against a burst of parallel guesses', async () => {
    const groupId = await groupWithCode('31415926');
    const guesser = await registerUser(server.url);
    const statuses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        invite(groupId, String(20_000_000 + i), guesser.auth).then((r) => r.status),
      ),
    );
    await expectAtMostMaxGuesses(statuses, (i) => invite(groupId, String(30_000_000 + i), guesser.auth));
    await expectThrottled(await invite(groupId, '31415926', guesser.auth));
    expect(await server.db.memberships.countDocuments({ groupId })).toBe(1);
  });
});
