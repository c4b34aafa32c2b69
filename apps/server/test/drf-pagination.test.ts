// Django REST Framework's PageNumberPagination as old clients knew it: a page that does not exist is 404 "Invalid
// page." (after authentication and permissions), page_size is capped or falls back instead of refused, and the
// next/previous links keep the rest of the client's query string. Over REST and, where it applies, tRPC.
import { describe, expect, it } from 'vitest';
import { MAX_ECHOED_QUERY } from '../src/http/rest/pagination.ts';
import { registerUser, useTestServer } from './test-server.ts';

// One user holds more groups than the largest page.
const server = useTestServer({ MAX_GROUPS_PER_USER: '200' });

type User = Awaited<ReturnType<typeof registerUser>>;

async function userWithGroups(count: number) {
  const owner = await registerUser(server.url);
  for (let i = 0; i < count; i += 1) {
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: { ...owner.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `g${i}` }),
    });
    expect(res.status).toBe(201);
  }
  return owner;
}

const list = (user: User, query: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/im/group/?${query}`, { headers: { ...user.auth, ...headers } });

const trpcList = (user: User, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/trpc/groups.list?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { ...user.auth, ...headers },
  });

describe('page', () => {
  it('answers 404 "Invalid page." for zero, negative, non-numeric, fractional, huge and past-the-end pages', async () => {
    const owner = await userWithGroups(3);
    const invalid = [
      'page=0',
      'page=-1',
      'page=x',
      'page=1.5',
      'page=1e2',
      'page=last',
      'page=99999999999999999999',
    ];
    for (const query of [...invalid, 'page=2', 'page=2&page_size=3', 'page=4&page_size=1', 'page=%00']) {
      const res = await list(owner, query);
      expect(res.status, query).toBe(404);
      expect(await res.json(), query).toEqual({ detail: '无效页面。', code: 'not_found' });
    }
    const english = await list(owner, 'page=0', { 'accept-language': 'en' });
    expect(await english.json()).toEqual({ detail: 'Invalid page.', code: 'not_found' });
    expect(english.headers.get('vary')).toMatch(/Accept-Language/);
  });

  it('reads a page DRF would read: blank is page 1, a repeated one counts by its last value, spaces around it', async () => {
    const owner = await userWithGroups(3);
    const names = async (query: string) => {
      const res = await list(owner, query);
      expect(res.status, query).toBe(200);
      return ((await res.json()) as { results: { name: string }[] }).results.map((group) => group.name);
    };
    expect(await names('page=')).toEqual(['g2', 'g1', 'g0']);
    expect(await names('page=1&page=2&page_size=2')).toEqual(['g0']);
    expect(await names('page=%202%20&page_size=2')).toEqual(['g0']);
    expect(await names('page=02&page_size=2')).toEqual(['g0']);
  });

  it('authenticates and authorizes before it judges the page', async () => {
    const owner = await userWithGroups(1);
    const anonymous = await fetch(`${server.url}/api/im/group/?page=x`);
    expect(anonymous.status).toBe(401);
    const stranger = await registerUser(server.url);
    const group = (await (await list(owner, '')).json()).results[0] as { id: number };
    const members = await fetch(`${server.url}/api/im/group/${group.id}/users/?page=0`, {
      headers: stranger.auth,
    });
    expect(members.status).toBe(403);
    expect((await members.json()).code).toBe('permission_denied');
  });

  it('tRPC: a page that does not exist is the same 404', async () => {
    const owner = await userWithGroups(2);
    for (const page of [0, -3, 2 ** 40, 3]) {
      const res = await trpcList(owner, { page, page_size: 1 }, { 'accept-language': 'en' });
      expect(res.status, String(page)).toBe(404);
      const { error } = (await res.json()) as { error: { message: string; data: { envelope: unknown } } };
      expect(error.message).toBe('Invalid page.');
      expect(error.data.envelope).toEqual({ detail: 'Invalid page.', code: 'not_found' });
    }
  });
});

describe('page_size', () => {
  it('caps a size above 100 at 100 and falls back to the default (20) for one it cannot read', async () => {
    const owner = await userWithGroups(105);
    const cases: [string, number][] = [
      ['page_size=100', 100],
      ['page_size=101', 100],
      ['page_size=1000000', 100],
      ['page_size=99999999999999999999999', 100],
      ['page_size=0', 20],
      ['page_size=-5', 20],
      ['page_size=abc', 20],
      ['page_size=1.5', 20],
      ['page_size=', 20],
      ['page_size=1&page_size=3', 3],
    ];
    for (const [query, size] of cases) {
      const res = await list(owner, query);
      expect(res.status, query).toBe(200);
      const page = (await res.json()) as { count: number; results: unknown[]; next: string };
      expect([page.count, page.results.length], query).toEqual([105, size]);
      // The link keeps the size as the client wrote it (DRF), which reads the same way again.
      const next = (await (await fetch(page.next, { headers: owner.auth })).json()) as { results: unknown[] };
      expect(next.results.length, query).toBe(Math.min(size, 105 - size));
    }
  });

  it('caps at 100 over tRPC too, and a size of 0 or less is the default', async () => {
    const owner = await userWithGroups(25);
    for (const [page_size, size] of [
      [101, 25],
      [0, 20],
      [-1, 20],
    ] as const) {
      const res = await trpcList(owner, { page_size });
      expect(res.status, String(page_size)).toBe(200);
      const { result } = (await res.json()) as { result: { data: { results: unknown[] } } };
      expect(result.data.results, String(page_size)).toHaveLength(size);
    }
  });
});

describe('next and previous', () => {
  it('keep every other parameter the client sent, sorted by name as DRF writes them, replacing only page', async () => {
    const owner = await userWithGroups(5);
    const page2 = await list(owner, 'z=1&page_size=2&a=x%20y&page=2&a=%E4%B8%AD&flag');
    expect(page2.status).toBe(200);
    const body = (await page2.json()) as { next: string; previous: string };
    expect(body.next).toBe(`${server.url}/api/im/group/?a=x+y&a=%E4%B8%AD&flag=&page=3&page_size=2&z=1`);
    // DRF's remove_query_param: the previous page of page 2 has no page parameter at all.
    expect(body.previous).toBe(`${server.url}/api/im/group/?a=x+y&a=%E4%B8%AD&flag=&page_size=2&z=1`);
    const page3 = (await (await fetch(body.next, { headers: owner.auth })).json()) as {
      next: string | null;
      previous: string;
      results: unknown[];
    };
    expect(page3.results).toHaveLength(1);
    expect(page3.next).toBeNull();
    expect(page3.previous).toBe(`${server.url}/api/im/group/?a=x+y&a=%E4%B8%AD&flag=&page=2&page_size=2&z=1`);
  });

  it('keep page_size as the client wrote it, and carry hostile names and values encoded, never raw', async () => {
    const owner = await userWithGroups(2);
    const query = `page_size=1&__proto__=1&q=${encodeURIComponent('"><script>&x=1#')}&${encodeURIComponent('a b')}=%ZZ`;
    const body = (await (await list(owner, query)).json()) as { next: string };
    const next = new URL(body.next);
    expect(next.origin + next.pathname).toBe(`${server.url}/api/im/group/`);
    expect([...next.searchParams]).toEqual([
      ['__proto__', '1'],
      ['a b', '%ZZ'],
      ['page', '2'],
      ['page_size', '1'],
      ['q', '"><script>&x=1#'],
    ]);
    expect(body.next).not.toMatch(/[<>"# ]/);
  });

  it('leave out a query string longer than the bound instead of echoing it', async () => {
    const owner = await userWithGroups(2);
    const pad = 'p'.repeat(MAX_ECHOED_QUERY);
    const res = await list(owner, `pad=${pad}&page_size=1`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text.length).toBeLessThan(MAX_ECHOED_QUERY);
    expect(JSON.parse(text).next).toBe(`${server.url}/api/im/group/?page=2&page_size=1`);
    // Thousands of repetitions of one name, as much as the request line holds, are read in one pass; a parameter
    // after the first 1000 is ignored (Express's query parser) by the page and by its links alike.
    const repeated = await list(owner, `page_size=1&${'a=1&'.repeat(3000)}page=2`);
    expect(repeated.status).toBe(200);
    expect(((await repeated.json()) as { next: string }).next).toBe(
      `${server.url}/api/im/group/?page=2&page_size=1`,
    );
  });

  it('start from the validated origin: an odd forwarded scheme is refused, never written into a link', async () => {
    const owner = await userWithGroups(2);
    const odd = await list(owner, 'page_size=1', { 'x-forwarded-proto': 'javascript' });
    expect([odd.status, (await odd.json()).code]).toEqual([400, 'bad_request']);
    // The test server trusts its loopback proxy: a plain scheme it forwards is the one links name.
    const forwarded = await list(owner, 'page_size=1&x=1', { 'x-forwarded-proto': 'https' });
    expect(((await forwarded.json()) as { next: string }).next).toBe(
      `${server.url.replace('http:', 'https:')}/api/im/group/?page=2&page_size=1&x=1`,
    );
  });

  it('tRPC links name the REST page with its normalized size', async () => {
    const owner = await userWithGroups(3);
    const res = await trpcList(owner, { page: 2, page_size: 1 });
    const { result } = (await res.json()) as { result: { data: { next: string; previous: string } } };
    expect(result.data.next).toBe(`${server.url}/api/im/group/?page=3&page_size=1`);
    expect(result.data.previous).toBe(`${server.url}/api/im/group/?page_size=1`);
  });

  it('a burst of odd pages at once gets only 200s and 404s, never a 500', async () => {
    const owner = await userWithGroups(2);
    const queries = ['page=0', 'page=abc', 'page=2&page_size=1', 'page_size=-1', 'page=3', 'page=1&page=9'];
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => list(owner, queries[i % queries.length]!)),
    );
    const statuses = answers.map((res) => res.status);
    expect(new Set(statuses)).toEqual(new Set([200, 404]));
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
  });
});
