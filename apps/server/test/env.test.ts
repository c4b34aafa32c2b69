// Configuration is validated in one place; a bad value stops the start with a message naming it.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env.ts';

describe('loadEnv', () => {
  it('fills defaults for an empty environment', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: resolve('.data'),
      MEDIA_DIR: resolve('.data/media'),
    });
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it('resolves relative directories against the directory npm was run from', () => {
    // npm runs the start script inside apps/server and names the user's directory in INIT_CWD.
    expect(loadEnv({ INIT_CWD: '/repo' })).toMatchObject({
      DATA_DIR: '/repo/.data',
      MEDIA_DIR: '/repo/.data/media',
    });
    expect(loadEnv({ INIT_CWD: '/repo', DATA_DIR: 'var/data', MEDIA_DIR: 'uploads' })).toMatchObject({
      DATA_DIR: '/repo/var/data',
      MEDIA_DIR: '/repo/uploads',
    });
    expect(loadEnv({ INIT_CWD: '/repo', DATA_DIR: '/srv/data' })).toMatchObject({
      DATA_DIR: '/srv/data',
      MEDIA_DIR: '/srv/data/media',
    });
  });

  it('names each bad value', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ MONGODB_URI: 'postgres://x' })).toThrow(/MONGODB_URI/);
    expect(() => loadEnv({ RONGCLOUD_ID_PREFIX: 'dev_' })).toThrow(/RONGCLOUD_ID_PREFIX/);
    expect(() => loadEnv({ RONGCLOUD_APP_KEY: 'only-the-key' })).toThrow(/RONGCLOUD_APP_SECRET/);
    expect(() => loadEnv({ PUBLIC_BASE_URL: 'ftp://example.com' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadEnv({ MEMBER_PHONE: 'partial' })).toThrow(/MEMBER_PHONE/);
  });

  it('masks phone numbers in member lists unless MEMBER_PHONE=full', () => {
    expect(loadEnv({}).MEMBER_PHONE).toBe('masked');
    expect(loadEnv({ MEMBER_PHONE: 'full' }).MEMBER_PHONE).toBe('full');
  });

  it('refuses production without RongCloud credentials, without echoing secrets', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/RONGCLOUD_APP_KEY/);
    const env = loadEnv({ NODE_ENV: 'production', RONGCLOUD_APP_KEY: 'k', RONGCLOUD_APP_SECRET: 's3cr3t' });
    expect(env.RONGCLOUD_APP_KEY).toBe('k');
    try {
      loadEnv({ NODE_ENV: 'production', RONGCLOUD_APP_SECRET: 'do-not-print-me' });
    } catch (error) {
      expect(String(error)).not.toContain('do-not-print-me');
    }
  });

  it('keeps media on local disk unless MEDIA_STORE=s3, which needs a bucket and credentials', () => {
    expect(loadEnv({}).MEDIA_STORE).toBe('local');
    const s3 = {
      MEDIA_STORE: 's3',
      S3_BUCKET: 'media',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadEnv(s3)).toMatchObject({ S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: false });
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      expect(() => loadEnv({ ...s3, [name]: '' })).toThrow(
        new RegExp(`${name}: required with MEDIA_STORE=s3`),
      );
    }
    expect(() => loadEnv({ ...s3, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadEnv({ ...s3, S3_ENDPOINT: 'localhost:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadEnv({ ...s3, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => loadEnv({ ...s3, MEDIA_STORE: 'ftp' })).toThrow(/MEDIA_STORE/);
    expect(() => loadEnv({ MEDIA_PUBLIC_BASE_URL: 'https://cdn.example.com' })).toThrow(
      /MEDIA_PUBLIC_BASE_URL: only with MEDIA_STORE=s3/,
    );
    expect(() => loadEnv({ ...s3, MEDIA_PUBLIC_BASE_URL: 'https://cdn.example.com/?v=1' })).toThrow(
      /MEDIA_PUBLIC_BASE_URL: an origin and path only/,
    );
    expect(
      loadEnv({ ...s3, MEDIA_PUBLIC_BASE_URL: 'https://cdn.example.com/m/' }).MEDIA_PUBLIC_BASE_URL,
    ).toBe('https://cdn.example.com/m');
    expect(() => loadEnv({ ...s3, S3_SECRET_ACCESS_KEY: 'do-not-print-me', S3_BUCKET: 'x' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('do-not-print-me') }),
    );
  });

  it('reads a list of RongCloud API URLs', () => {
    const env = loadEnv({ RONGCLOUD_API_URL: 'https://a.example.com, https://b.example.com' });
    expect(env.RONGCLOUD_API_URL).toEqual(['https://a.example.com', 'https://b.example.com']);
  });
});
