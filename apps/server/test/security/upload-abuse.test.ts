// Abusive uploads to every operation that takes a file: bytes that are not images, truncated images, decompression
// bombs, path-traversal file names, oversized files and clients that trickle. Each is refused (or neutralised)
// without a 5xx, and nothing of it is stored.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';
import { registerUser } from '../test-server.ts';
import { gifClaiming, jpegClaiming, NOT_IMAGES, pngClaiming } from './crafted-images.ts';
import { useSecurityServer } from './security-server.ts';
import { trickle } from './slow-client.ts';

const MAX_UPLOAD_BYTES = 256 * 1024;
const REQUEST_TIMEOUT_MS = 1_500;
const HEADERS_TIMEOUT_MS = 1_000;

const server = useSecurityServer({
  env: {
    MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  },
  // Node looks for timed-out requests every 30 s by default; a test cannot wait that long.
  serverOptions: { connectionsCheckingInterval: 100 },
});

let owner: Awaited<ReturnType<typeof registerUser>>;
let groupId: number;

beforeAll(async () => {
  owner = await registerUser(server.url);
  const res = await fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: { ...owner.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'target' }),
  });
  groupId = (await res.json()).id;
});

interface UploadTarget {
  label: string;
  method: 'POST' | 'PATCH';
  path: () => string;
  field: string;
  extra: Record<string, string>;
}

const TARGETS: UploadTarget[] = [
  {
    label: 'new group cover',
    method: 'POST',
    path: () => '/api/im/group/',
    field: 'cover',
    extra: { name: 'g' },
  },
  {
    label: 'group cover change',
    method: 'PATCH',
    path: () => `/api/im/group/${groupId}/`,
    field: 'cover',
    extra: {},
  },
  { label: 'avatar', method: 'PATCH', path: () => '/api/users/me/', field: 'avatar', extra: {} },
];

function upload(target: UploadTarget, bytes: Buffer, filename = 'image.png', type = 'image/png') {
  const form = new FormData();
  for (const [key, value] of Object.entries(target.extra)) form.set(key, value);
  form.set(target.field, new Blob([new Uint8Array(bytes)], { type }), filename);
  return fetch(`${server.url}${target.path()}`, { method: target.method, headers: owner.auth, body: form });
}

/** Every stored file, relative to the media directory. */
const storedFiles = () =>
  existsSync(server.mediaDir)
    ? readdirSync(server.mediaDir, { recursive: true, encoding: 'utf8' }).filter((path) =>
        statSync(join(server.mediaDir, path)).isFile(),
      )
    : [];

/** What an accepted upload may change: the groups, the owner's cover and avatar, the files. */
async function uploadState() {
  const [groups, group, user] = await Promise.all([
    server.db.groups.countDocuments(),
    server.db.groups.findById(groupId, { cover: 1 }).lean(),
    server.db.users.findById(owner.id, { avatar: 1 }).lean(),
  ]);
  return { groups, cover: group?.cover, avatar: user?.avatar, files: storedFiles().sort() };
}

async function expectRefused(res: Response, statuses: number[], label: string) {
  const body = await res.json();
  expect(statuses, `${label}: ${res.status} ${JSON.stringify(body)}`).toContain(res.status);
  expect(Object.keys(body).sort()).toEqual(expect.arrayContaining(['code', 'detail']));
  return body;
}

const image = (format: 'png' | 'jpeg' | 'webp' | 'gif', size = 96) =>
  sharp({ create: { width: size, height: size, channels: 3, background: '#3a7' } })
    .composite([{ input: Buffer.from([255, 0, 0]), raw: { width: 1, height: 1, channels: 3 }, tile: true }])
    .toFormat(format)
    .toBuffer();

describe.each(TARGETS)('$label', (target) => {
  it('refuses bytes that are not an image, whatever their name and declared type (415), storing nothing', async () => {
    const before = await uploadState();
    for (const [label, bytes] of Object.entries(NOT_IMAGES)) {
      const res = await upload(target, bytes, 'photo.png', 'image/png');
      const body = await expectRefused(res, [415, 400], label);
      if (res.status === 415) expect(body.code).toBe('unsupported_media_type');
    }
    expect(await uploadState()).toEqual(before);
  });

  it('refuses truncated images (415), storing nothing', async () => {
    const before = await uploadState();
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
      const whole = await image(format);
      for (const keep of [0.25, 0.5, 0.9]) {
        const res = await upload(target, whole.subarray(0, Math.floor(whole.length * keep)));
        const body = await expectRefused(res, [415], `${format} cut to ${keep}`);
        expect(body.code).toBe('unsupported_media_type');
      }
    }
    expect(await uploadState()).toEqual(before);
  });

  it('refuses decompression bombs by their header, quickly, without decoding them', async () => {
    const bomb = pngClaiming(30_000, 30_000);
    expect(bomb.length).toBeLessThan(1_000);
    // The bomb is a well-formed PNG: its header does claim 900 million pixels.
    expect(await sharp(bomb, { limitInputPixels: false }).metadata()).toMatchObject({
      format: 'png',
      width: 30_000,
      height: 30_000,
    });
    const jpegBomb = jpegClaiming(await image('jpeg'), 60_000, 60_000);
    const before = await uploadState();
    const rssBefore = process.memoryUsage().rss;
    for (const [label, bytes] of [
      ['png 30000×30000', bomb],
      ['jpeg 60000×60000', jpegBomb],
    ] as const) {
      const started = Date.now();
      const res = await upload(target, bytes);
      const body = await expectRefused(res, [413], label);
      expect(body).toMatchObject({
        code: 'file_too_large',
        fields: { [target.field]: [expect.any(String)] },
      });
      expect(Date.now() - started, label).toBeLessThan(2_000);
    }
    // Decoding either would take gigabytes; this process (the server's) grew by far less.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 1024 * 1024);
    expect(await uploadState()).toEqual(before);
  });

  it('refuses an animation by frames × canvas before decoding it: ten 1×1 frames on a 2000×2000 canvas (413)', async () => {
    // 269 bytes on the wire; composing and re-encoding its 40 million frame pixels took 3.4 s of CPU.
    const gif = gifClaiming(2000, 2000, 10);
    expect(gif.length).toBe(269);
    expect(await sharp(gif).metadata()).toMatchObject({
      format: 'gif',
      width: 2000,
      height: 2000,
      pages: 10,
    });
    const before = await uploadState();
    const body = await expectRefused(await upload(target, gif, 'a.gif', 'image/gif'), [413], 'gif');
    expect(body).toMatchObject({ code: 'file_too_large', fields: { [target.field]: [expect.any(String)] } });
    expect(await uploadState()).toEqual(before);
  });

  it('accepts a small animation built the same way, so the big one was refused for its size', async () => {
    const res = await upload(target, gifClaiming(100, 100, 10), 'a.gif', 'image/gif');
    expect(res.status).toBeLessThan(300);
  });

  it('accepts a small image built the same way, so the bomb was refused for its size', async () => {
    const res = await upload(target, pngClaiming(16, 4));
    expect(res.status).toBeLessThan(300);
  });

  it('refuses a file over MAX_UPLOAD_BYTES (413), storing nothing', async () => {
    const before = await uploadState();
    for (const size of [MAX_UPLOAD_BYTES + 1, 2 * 1024 * 1024]) {
      const oversized = Buffer.concat([await image('png'), Buffer.alloc(size)]);
      const body = await expectRefused(await upload(target, oversized), [413], `${size} bytes`);
      expect(body.code).toBe('file_too_large');
    }
    expect(await uploadState()).toEqual(before);
  });

  it('stores an upload under a name of its own whatever the file is called, or refuses a malformed one', async () => {
    const marker = `owned-${randomUUID()}`;
    const names = [
      `../../../../../../tmp/${marker}.png`,
      `..\\..\\..\\${marker}.png`,
      `/etc/${marker}`,
      `%2e%2e%2f%2e%2e%2f${marker}.png`,
      `....//....//${marker}.png`,
      `${marker}.php\u0000.png`,
      `${'x'.repeat(1_000)}.png`,
      `name"; filename="${marker}.png`,
      `line\r\nX-Injected: ${marker}.png`,
    ];
    for (const name of names) {
      const res = await upload(target, await image('png', 8), name, 'application/x-php');
      const text = await res.text();
      // A NUL in the part header is malformed multipart (400); every other name is accepted and ignored.
      expect([200, 201, 400], `${JSON.stringify(name)}: ${text}`).toContain(res.status);
      expect(text).not.toContain(marker);
    }
    for (const file of storedFiles()) {
      expect(file).toMatch(/^(group|avatar)\/[0-9a-f]{32}\.(jpg|png|webp|gif)$/);
    }
    for (const base of [server.mediaDir, process.cwd()]) {
      for (const name of names) expect(existsSync(resolve(base, name.replaceAll('\\', '/')))).toBe(false);
    }
  });
});

describe('slow clients', () => {
  it('are bounded by timeouts that are configuration, validated at start', () => {
    expect(loadEnv({})).toMatchObject({ HTTP_HEADERS_TIMEOUT_MS: 10_000, HTTP_REQUEST_TIMEOUT_MS: 60_000 });
    expect(() => loadEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })).toThrow(/HTTP_REQUEST_TIMEOUT_MS/);
    expect(() => loadEnv({ HTTP_HEADERS_TIMEOUT_MS: '90000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  const multipartHead = (contentLength: number) =>
    [
      `POST /api/im/group/ HTTP/1.1`,
      `Host: 127.0.0.1`,
      `Authorization: ${owner.auth.authorization}`,
      `Content-Type: multipart/form-data; boundary=XyZ`,
      `Content-Length: ${contentLength}`,
      '',
      '',
    ].join('\r\n');

  it('cuts off an upload trickling in after HTTP_REQUEST_TIMEOUT_MS with 408, and serves others meanwhile', async () => {
    const groupsBefore = await server.db.groups.countDocuments();
    const body = Buffer.concat([
      Buffer.from(
        '--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\ntrickled\r\n' +
          '--XyZ\r\nContent-Disposition: form-data; name="cover"; filename="a.png"\r\n' +
          'Content-Type: image/png\r\n\r\n',
      ),
      Buffer.alloc(50_000, 7),
    ]);
    const slow = trickle(server.url, multipartHead(body.length + 20), body, {
      intervalMs: 50,
      giveUpMs: REQUEST_TIMEOUT_MS * 4,
    });
    // Meanwhile the server answers everyone else at once.
    const started = Date.now();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);

    const outcome = await slow;
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
    expect(outcome.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 2_000);
    expect(await server.db.groups.countDocuments()).toBe(groupsBefore);
  });

  it('cuts off headers trickling in after HTTP_HEADERS_TIMEOUT_MS (slowloris)', async () => {
    const outcome = await trickle(
      server.url,
      'GET /api/users/me/ HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      Buffer.from(`X-Slow: ${'z'.repeat(200)}\r\n`),
      { intervalMs: 50, giveUpMs: HEADERS_TIMEOUT_MS * 5 },
    );
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(outcome.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 2_000);
  });
});
