// MEDIA_STORE=s3 against a real S3 server (versitygw, packages/s3-server): uploads land in the bucket, any instance
// sharing the bucket serves them, and an unreachable bucket is a 503 that leaves nothing half-written.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { testDatabaseUri } from '@groupchat/db/testing';
import { findFreePort } from '@groupchat/processes';
import { type RunningS3Server, startS3Server } from '@groupchat/s3-server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSecurityServer } from './security/security-server.ts';
import { registerUser, startTestServer, type TestServer } from './test-server.ts';

const BUCKET = 'groupchat-media';
const s3DataDir = mkdtempSync(join(tmpdir(), 'media-s3-test-'));
const databaseUri = testDatabaseUri();
let s3: RunningS3Server;
let bucket: S3Client;
let a: TestServer;
let b: TestServer;

const s3Env = (server: RunningS3Server, extra: Record<string, string> = {}) => ({
  MEDIA_STORE: 's3',
  S3_ENDPOINT: server.endpoint,
  S3_REGION: server.region,
  S3_BUCKET: BUCKET,
  S3_ACCESS_KEY_ID: server.accessKeyId,
  S3_SECRET_ACCESS_KEY: server.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
  ...extra,
});

beforeAll(async () => {
  s3 = await startS3Server({ dataDir: s3DataDir });
  bucket = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  await bucket.send(new CreateBucketCommand({ Bucket: BUCKET }));
  // Two instances of one deployment: one database, one bucket.
  a = await startTestServer(s3Env(s3), { databaseUri });
  b = await startTestServer(s3Env(s3), { databaseUri });
}, 60_000);

afterAll(async () => {
  // The instances share a database they were given, so neither drops it.
  await a?.db.connection.dropDatabase();
  await a?.close();
  await b?.close();
  await s3?.stop();
  rmSync(s3DataDir, { recursive: true, force: true });
});

const photo = (color = '#c33') =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: color } })
    .jpeg()
    .toBuffer();

function coverForm(name: string, file: Buffer) {
  const form = new FormData();
  form.set('name', name);
  form.set('cover', new Blob([new Uint8Array(file)], { type: 'image/jpeg' }), 'cover.jpg');
  return form;
}

async function createGroup(server: { url: string }, owner: { auth: object }, cover?: Buffer) {
  const form = cover ? coverForm('s3 group', cover) : undefined;
  return fetch(`${server.url}/api/im/group/`, {
    method: 'POST',
    headers: owner.auth as Record<string, string>,
    ...(form ? { body: form } : { body: JSON.stringify({ name: 'no cover' }) }),
    ...(form ? {} : { headers: { ...(owner.auth as object), 'content-type': 'application/json' } }),
  });
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const keyOf = (url: string) => url.slice(url.indexOf('/media/') + '/media/'.length);
const objectBytes = async (key: string) => {
  const object = await bucket.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
};

describe('MEDIA_STORE=s3', () => {
  it('stores an uploaded cover in the bucket and serves those exact bytes at its URL', async () => {
    const owner = await registerUser(a.url);
    const res = await createGroup(a, owner, await photo());
    expect(res.status).toBe(201);
    const group = await res.json();
    expect(group.cover).toMatch(new RegExp(`^${a.url}/media/group/[0-9a-f]{32}\\.jpg$`));

    const stored = await objectBytes(keyOf(group.cover));
    expect((await sharp(stored).metadata()).format).toBe('jpeg');
    const served = await fetch(group.cover);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toBe('public, max-age=604800');
    expect(await bytesOf(served)).toEqual(stored);

    // A cache revalidating what it holds gets a 304 without the bytes.
    const etag = served.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(group.cover, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const head = await fetch(group.cover, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(stored.length));
  });

  it('serves a cover uploaded through instance A from instance B', async () => {
    const owner = await registerUser(a.url);
    const group = await (await createGroup(a, owner, await photo('#36c'))).json();
    const key = keyOf(group.cover);

    const throughB = await (await fetch(`${b.url}/api/im/retrieve/${group.id}/`)).json();
    expect(throughB.cover).toBe(`${b.url}/media/${key}`);
    const served = await fetch(throughB.cover);
    expect(served.status).toBe(200);
    expect(await bytesOf(served)).toEqual(await objectBytes(key));
  });

  it('keeps serving the default cover and avatar, which are not in the bucket', async () => {
    const owner = await registerUser(a.url);
    const res = await createGroup(a, owner);
    expect(res.status).toBe(201);
    const group = await res.json();
    expect(group.cover).toBe(`${a.url}/media/defaults/cover.png`);
    const cover = await fetch(group.cover);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/png');
    const me = await (await fetch(`${b.url}/api/users/me/`, { headers: owner.auth })).json();
    expect((await fetch(me.avatar)).status).toBe(200);
  });

  it('stores an avatar in the bucket too', async () => {
    const user = await registerUser(b.url);
    const form = new FormData();
    form.set('avatar', new Blob([new Uint8Array(await photo('#3c6'))], { type: 'image/jpeg' }), 'me.jpg');
    const res = await fetch(`${b.url}/api/users/me/`, { method: 'PATCH', headers: user.auth, body: form });
    expect(res.status).toBe(200);
    const { avatar } = await res.json();
    expect(avatar).toMatch(new RegExp(`^${b.url}/media/avatar/[0-9a-f]{32}\\.jpg$`));
    expect(await bytesOf(await fetch(`${a.url}/media/${keyOf(avatar)}`))).toEqual(
      await objectBytes(keyOf(avatar)),
    );
  });

  it('keeps every upload of a parallel burst across both instances', async () => {
    const owner = await registerUser(a.url);
    const image = await photo('#999');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createGroup(i % 2 ? b : a, owner, image)),
    );
    expect(answers.map((res) => res.status)).toEqual(Array(12).fill(201));
    const keys = await Promise.all(answers.map(async (res) => keyOf((await res.json()).cover)));
    expect(new Set(keys).size).toBe(12);
    for (const key of keys) expect((await objectBytes(key)).length).toBeGreaterThan(0);
  });

  it('answers 404 in the envelope for keys it never makes, without trusting the path', async () => {
    const owner = await registerUser(a.url);
    const group = await (await createGroup(a, owner, await photo())).json();
    const key = keyOf(group.cover);
    for (const path of [
      `group/${'0'.repeat(32)}.jpg`,
      // fetch resolves `..` and `%2e%2e` itself; an encoded slash reaches the server as it is.
      key.replace('/', '%2F'),
      `GROUP/${key.slice('group/'.length)}`,
      `${key}.partial`,
      `${key}/`,
      'avatar/',
      '',
    ]) {
      const res = await fetch(`${a.url}/media/${path}`);
      expect(res.status, path).toBe(404);
      expect((await res.json()).code, path).toBe('not_found');
    }
    const post = await fetch(group.cover, { method: 'POST' });
    expect(post.status).toBe(405);
    // An entity tag a cache would never send is ignored, not passed on.
    const odd = await fetch(group.cover, { headers: { 'if-none-match': 'garbage\u00ff' } });
    expect(odd.status).toBe(200);
  });

  it('links covers to MEDIA_PUBLIC_BASE_URL when set, and still serves the defaults itself', async () => {
    const cdn = 'https://cdn.example.com/chat-media';
    const c = await startTestServer(s3Env(s3, { MEDIA_PUBLIC_BASE_URL: `${cdn}/` }), { databaseUri });
    try {
      const owner = await registerUser(c.url);
      const group = await (await createGroup(c, owner, await photo())).json();
      expect(group.cover).toMatch(new RegExp(`^${cdn}/group/[0-9a-f]{32}\\.jpg$`));
      const key = group.cover.slice(cdn.length + 1);
      expect((await sharp(await objectBytes(key)).metadata()).format).toBe('jpeg');
      const plain = await (await createGroup(c, owner)).json();
      expect(plain.cover).toBe(`${c.url}/media/defaults/cover.png`);
    } finally {
      await c.close();
    }
  });
});

describe('MEDIA_STORE=s3 with the bucket unreachable', () => {
  it('answers an upload with 503 in the envelope and creates no group', async () => {
    const nowhere = await findFreePort();
    const down = await startTestServer(
      s3Env({ ...s3, endpoint: `http://127.0.0.1:${nowhere}` } as RunningS3Server),
      { databaseUri },
    );
    try {
      const owner = await registerUser(down.url);
      const res = await createGroup(down, owner, await photo());
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = await res.json();
      expect(body.code).toBe('service_unavailable');
      expect(body.detail).toBe('图片存储暂时不可用，请稍后再试。');
      expect(await down.db.groups.countDocuments({ ownerId: owner.id })).toBe(0);

      // A group without a cover needs no bucket.
      expect((await createGroup(down, owner)).status).toBe(201);

      const ready = await fetch(`${down.url}/readyz`, { headers: { 'accept-language': 'en' } });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        code: 'service_unavailable',
        detail: 'Image storage is temporarily unavailable; try again later.',
      });
    } finally {
      await down.close();
    }
  });

  it('answers 503 within S3_REQUEST_TIMEOUT_MS when the bucket accepts connections but never answers', async () => {
    const silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as AddressInfo).port;
    const hung = await startTestServer(
      s3Env({ ...s3, endpoint: `http://127.0.0.1:${port}` } as RunningS3Server, {
        S3_REQUEST_TIMEOUT_MS: '300',
      }),
      { databaseUri },
    );
    try {
      const owner = await registerUser(hung.url);
      const started = Date.now();
      const res = await createGroup(hung, owner, await photo());
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await hung.db.groups.countDocuments({ ownerId: owner.id })).toBe(0);
    } finally {
      await hung.close();
      silent.close();
    }
  });

  it('logs neither the S3 secret nor a signature, in success or in failure', async () => {
    const nowhere = await findFreePort();
    const logged: string[] = [];
    for (const endpoint of [s3.endpoint, `http://127.0.0.1:${nowhere}`]) {
      const server = await startSecurityServer({
        captureLogs: true,
        env: s3Env({ ...s3, endpoint } as RunningS3Server, { LOG_LEVEL: 'trace' }),
      });
      try {
        const owner = await registerUser(server.url);
        const res = await createGroup(server, owner, await photo());
        expect(res.status).toBe(endpoint === s3.endpoint ? 201 : 503);
        if (res.status === 201) expect((await fetch((await res.json()).cover)).status).toBe(200);
        await fetch(`${server.url}/readyz`);
        logged.push(server.logText());
      } finally {
        await server.close();
      }
    }
    const text = logged.join('');
    expect(text).toContain('request failed');
    expect(text).not.toContain(s3.secretAccessKey);
    expect(text).not.toMatch(/Signature=|AWS4-HMAC-SHA256/);
  });

  it('keeps the old cover when a new one cannot be stored, and recovers when S3 is back', async () => {
    const owner = await registerUser(a.url);
    const group = await (await createGroup(a, owner, await photo())).json();
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);

    const { port, accessKeyId, secretAccessKey } = s3;
    await s3.stop();
    try {
      const form = new FormData();
      form.set('cover', new Blob([new Uint8Array(await photo('#fff'))], { type: 'image/jpeg' }), 'new.jpg');
      const res = await fetch(`${a.url}/api/im/group/${group.id}/`, {
        method: 'PATCH',
        headers: owner.auth,
        body: form,
      });
      expect(res.status).toBe(503);
      expect((await res.json()).code).toBe('service_unavailable');
      const stored = await a.db.groups.findById(group.id).lean();
      expect(stored?.cover).toBe(keyOf(group.cover));
      expect((await fetch(`${a.url}/readyz`)).status).toBe(503);
      expect((await fetch(group.cover)).status).toBe(503);
    } finally {
      s3 = await startS3Server({ dataDir: s3DataDir, port, accessKeyId, secretAccessKey });
    }
    expect((await fetch(`${a.url}/readyz`)).status).toBe(200);
    expect((await fetch(group.cover)).status).toBe(200);
  });
});
