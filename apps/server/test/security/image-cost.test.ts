// OWASP API4 (unrestricted resource consumption) in image processing: no upload of at most 5 MiB may cost more
// than about 200 ms of CPU. The cost is estimated from the file's size and header before a pixel is decoded
// (packages/core/src/media/process-image.ts; the figures behind it come from packages/core/scripts/image-cost.ts
// and are in docs/security.md). These tests assert what a client sees, not timings: an image too costly to process
// is a 413 that stores nothing; one whose decoding is affordable but whose full-size encoding is not is stored
// smaller; a file as large in a cheap format is stored at full size.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../test-server.ts';
import { useSecurityServer } from './security-server.ts';

// The production limits: 5 MiB uploads, 2048 px sides.
const server = useSecurityServer();
let owner: Awaited<ReturnType<typeof registerUser>>;
beforeAll(async () => {
  owner = await registerUser(server.url);
}, 30_000);

const noise = (side: number) =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } });
const flat = (side: number) =>
  sharp({ create: { width: side, height: side, channels: 3, background: { r: 200, g: 120, b: 40 } } });

const storedFiles = () =>
  existsSync(server.mediaDir)
    ? readdirSync(server.mediaDir, { recursive: true, encoding: 'utf8' }).filter((path) =>
        statSync(join(server.mediaDir, path)).isFile(),
      )
    : [];

async function uploadAvatar(bytes: Buffer) {
  const form = new FormData();
  form.set('avatar', new Blob([new Uint8Array(bytes)]), 'image');
  const res = await fetch(`${server.url}/api/users/me/`, {
    method: 'PATCH',
    headers: owner.auth,
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

/** The stored avatar's dimensions, read from the file the response links to. */
async function storedSize(avatarUrl: string) {
  const name = new URL(avatarUrl).pathname.replace(/^\/media\//, '');
  const metadata = await sharp(readFileSync(join(server.mediaDir, name))).metadata();
  return { width: metadata.width, height: metadata.height };
}

describe('uploads too costly to process', () => {
  const refused: Array<[string, () => Promise<Buffer>]> = [
    // 1.2 s of CPU before: decoding 2.7 MB of noise, then encoding 4 megapixels of it.
    ['a noisy 2000×2000 WebP', () => noise(2000).webp().toBuffer()],
    // Progressive JPEG and interlaced PNG cannot be decoded in one streaming pass: 230 ms and 600 ms before.
    ['a 7000×7000 progressive JPEG', () => flat(7000).jpeg({ progressive: true }).toBuffer()],
    ['a 7000×7000 interlaced PNG', () => flat(7000).png({ progressive: true }).toBuffer()],
  ];
  it.each(refused)(
    'refuses %s with 413 image_too_large, storing nothing',
    async (_label, build) => {
      const bytes = await build();
      expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
      const before = { files: storedFiles().sort(), user: await server.db.users.findById(owner.id).lean() };
      const { status, body } = await uploadAvatar(bytes);
      expect(status, JSON.stringify(body)).toBe(413);
      expect(body).toMatchObject({ code: 'file_too_large', fields: { avatar: [expect.any(String)] } });
      expect({ files: storedFiles().sort(), user: await server.db.users.findById(owner.id).lean() }).toEqual(
        before,
      );
    },
    30_000,
  );

  it('stores a huge WebP smaller when only its full-size encoding would cost too much', async () => {
    const { status, body } = await uploadAvatar(await flat(5000).webp().toBuffer());
    expect(status, JSON.stringify(body)).toBe(200);
    const { width, height } = await storedSize(body.avatar);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(256);
    expect(width).toBeLessThan(2048);
  }, 30_000);

  it('stores the same picture as a baseline JPEG or PNG at full size: the format, not the size, was the cost', async () => {
    for (const bytes of [await flat(7000).jpeg().toBuffer(), await flat(7000).png().toBuffer()]) {
      const { status, body } = await uploadAvatar(bytes);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(await storedSize(body.avatar)).toEqual({ width: 2048, height: 2048 });
    }
  }, 30_000);

  it('accepts a small noisy WebP at full size', async () => {
    const { status, body } = await uploadAvatar(await noise(400).webp().toBuffer());
    expect(status, JSON.stringify(body)).toBe(200);
    expect(await storedSize(body.avatar)).toEqual({ width: 400, height: 400 });
  }, 30_000);
});
