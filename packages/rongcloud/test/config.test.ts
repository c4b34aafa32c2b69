// Configuration checks, defaults that matter, the injectable fetch and the published domain table.
import { describe, expect, it } from 'vitest';
import { createRongCloudClient, RONGCLOUD_DOMAINS, type RongCloudConfig } from '../src/index.ts';

const base: RongCloudConfig = { appKey: 'key', appSecret: 'secret', baseUrls: ['https://api.rong-api.com'] };

describe('createRongCloudClient configuration', () => {
  it.each<[string, Partial<RongCloudConfig>]>([
    ['empty appKey', { appKey: '' }],
    ['empty appSecret', { appSecret: '' }],
    ['no base URLs', { baseUrls: [] }],
    ['a non-http base URL', { baseUrls: ['ftp://example.com'] }],
    ['a base URL with credentials', { baseUrls: ['https://user:pw@example.com'] }],
    ['zero timeout', { timeoutMs: 0 }],
    ['negative retries', { maxRetries: -1 }],
    ['fractional retries', { maxRetries: 1.5 }],
    ['max delay below base delay', { retryBaseDelayMs: 100, retryMaxDelayMs: 10 }],
    ['an unknown server time zone', { serverTimeZone: 'Asia/Shanghai' as 'UTC' }],
  ])('rejects %s', (_label, override) => {
    expect(() => createRongCloudClient({ ...base, ...override })).toThrow(TypeError);
  });

  it('uses the injected fetch with the primary base URL', async () => {
    const seen: string[] = [];
    const client = createRongCloudClient({
      ...base,
      fetch: async (url) => {
        seen.push(url);
        return new Response(JSON.stringify({ code: 200, users: [{ id: 'u1' }] }), { status: 200 });
      },
    });
    await expect(client.group.queryMembers({ groupId: 'g1' })).resolves.toEqual(['u1']);
    expect(seen).toEqual(['https://api.rong-api.com/group/user/query.json']);
  });
});

describe('RONGCLOUD_DOMAINS', () => {
  it('lists primary then backup for every data centre, over https', () => {
    expect(RONGCLOUD_DOMAINS.beijing).toEqual(['https://api.rong-api.com', 'https://api-b.rong-api.com']);
    expect(RONGCLOUD_DOMAINS.singapore).toEqual([
      'https://api.sg-light-api.com',
      'https://api-b.sg-light-api.com',
    ]);
    for (const [primary, backup] of Object.values(RONGCLOUD_DOMAINS)) {
      expect(primary).toMatch(/^https:\/\/api\./);
      expect(backup).toMatch(/^https:\/\/api-b\./);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RONGCLOUD_DOMAINS)).toBe(true);
    expect(Object.isFrozen(RONGCLOUD_DOMAINS.beijing)).toBe(true);
  });
});
