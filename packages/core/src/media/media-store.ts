// Where uploaded images live. Local disk now; an S3-compatible store implements the same two calls.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface MediaStore {
  /** Stores bytes under a key the server chose. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Absolute URL of a stored key; `baseUrl` is the public origin of the API for this request. */
  url(key: string, baseUrl: string): string;
}

export const DEFAULT_COVER_KEY = 'defaults/cover.png';
export const DEFAULT_AVATAR_KEY = 'defaults/avatar.png';

/** Images that ship with the code; the HTTP layer serves this directory at /media/defaults. */
export const DEFAULT_MEDIA_DIR = new URL('../../assets/defaults', import.meta.url).pathname;

export function createLocalMediaStore(rootDir: string): MediaStore {
  return {
    async put(key, data) {
      const path = join(rootDir, key);
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const partial = `${path}.${randomBytes(4).toString('hex')}.partial`;
      await writeFile(partial, data);
      await rename(partial, path);
    },
    url: (key, baseUrl) => `${baseUrl}/media/${key}`,
  };
}

export function newMediaKey(folder: string, extension: string): string {
  return `${folder}/${randomBytes(16).toString('hex')}.${extension}`;
}
