// Image uploads: recognised by content, re-encoded without metadata, bounded in size, served under /media/.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { registerUser, useTestServer } from './test-server.ts';

const server = useTestServer({ MAX_UPLOAD_BYTES: String(200 * 1024) });

const photoWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD0: { Copyright: 'secret owner', Artist: 'someone' }, IFD3: { GPSLatitudeRef: 'N' } })
    .toBuffer();

function coverForm(name: string, file: Buffer, filename: string, type: string) {
  const form = new FormData();
  form.set('name', name);
  form.set('cover', new Blob([new Uint8Array(file)], { type }), filename);
  return form;
}

describe('group cover upload', () => {
  it('stores a real image under a server-chosen name, without EXIF, served with its type', async () => {
    const owner = await registerUser(server.url);
    const photo = await photoWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: coverForm('with cover', photo, '../../etc/passwd.png', 'image/png'),
    });
    expect(res.status).toBe(201);
    const group = await res.json();
    expect(group.cover).toMatch(new RegExp(`^${server.url}/media/group/[0-9a-f]{32}\\.jpg$`));

    const served = await fetch(group.cover);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await served.arrayBuffer());
    const metadata = await sharp(bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 64, height: 48 });
    expect(metadata.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret owner'))).toBe(false);

    const retrieved = await (await fetch(`${server.url}/api/im/retrieve/${group.id}/`)).json();
    expect(retrieved.cover).toBe(group.cover);
  });

  it('accepts PNG, WebP and GIF by their bytes whatever the file is called', async () => {
    const owner = await registerUser(server.url);
    const base = sharp({ create: { width: 8, height: 8, channels: 4, background: '#00f8' } });
    for (const [format, extension] of [
      ['png', 'png'],
      ['webp', 'webp'],
      ['gif', 'gif'],
    ] as const) {
      const image = await base.clone().toFormat(format).toBuffer();
      const res = await fetch(`${server.url}/api/im/group/`, {
        method: 'POST',
        headers: owner.auth,
        body: coverForm(format, image, 'cover.txt', 'text/plain'),
      });
      expect(res.status, format).toBe(201);
      expect((await res.json()).cover).toMatch(new RegExp(`\\.${extension}$`));
    }
  });

  it('scales an image larger than MAX_IMAGE_DIMENSION down to it, keeping the aspect ratio', async () => {
    const owner = await registerUser(server.url);
    const wide = await sharp({ create: { width: 3000, height: 30, channels: 3, background: '#468' } })
      .png()
      .toBuffer();
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: coverForm('wide', wide, 'wide.png', 'image/png'),
    });
    expect(res.status).toBe(201);
    const stored = Buffer.from(await (await fetch((await res.json()).cover)).arrayBuffer());
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 2048, height: 20 });
  });

  it('refuses text disguised as a PNG with 415 and creates nothing', async () => {
    const owner = await registerUser(server.url);
    const fake = Buffer.from('<?php system($_GET["c"]); ?> definitely an image');
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: coverForm('fake', fake, 'cover.png', 'image/png'),
    });
    expect(res.status).toBe(415);
    const body = await res.json();
    expect(body.code).toBe('unsupported_media_type');
    expect(body.fields.cover).toHaveLength(1);
    expect(await server.db.groups.countDocuments({ ownerId: owner.id })).toBe(0);
  });

  it('refuses a truncated image with 415', async () => {
    const owner = await registerUser(server.url);
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#abc' } })
      .png()
      .toBuffer();
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: coverForm('truncated', png.subarray(0, png.length / 2), 'a.png', 'image/png'),
    });
    expect(res.status).toBe(415);
  });

  it('refuses an oversized file with 413', async () => {
    const owner = await registerUser(server.url);
    const big = Buffer.alloc(300 * 1024, 1);
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: coverForm('too big', big, 'big.png', 'image/png'),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('file_too_large');
    expect(await server.db.groups.countDocuments({ ownerId: owner.id })).toBe(0);
  });

  it('refuses an upload without valid credentials before reading it', async () => {
    const photo = await photoWithGps();
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: { authorization: 'Token not-a-token' },
      body: coverForm('anonymous', photo, 'a.jpg', 'image/jpeg'),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('authentication_failed');
  });

  it('refuses a file sent under another field name', async () => {
    const owner = await registerUser(server.url);
    const form = new FormData();
    form.set('name', 'wrong field');
    form.set('picture', new Blob([new Uint8Array(await photoWithGps())]), 'a.jpg');
    const res = await fetch(`${server.url}/api/im/group/`, {
      method: 'POST',
      headers: owner.auth,
      body: form,
    });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('validation_error');
  });
});

describe('avatar upload', () => {
  it('changes the caller’s avatar', async () => {
    const user = await registerUser(server.url);
    const form = new FormData();
    form.set('nick', 'with avatar');
    form.set('avatar', new Blob([new Uint8Array(await photoWithGps())], { type: 'image/jpeg' }), 'me.jpg');
    const res = await fetch(`${server.url}/api/users/me/`, {
      method: 'PATCH',
      headers: user.auth,
      body: form,
    });
    expect(res.status).toBe(200);
    const me = await res.json();
    expect(me.nick).toBe('with avatar');
    expect(me.avatar).toMatch(new RegExp(`^${server.url}/media/avatar/[0-9a-f]{32}\\.jpg$`));
    expect((await fetch(me.avatar)).status).toBe(200);
  });
});
