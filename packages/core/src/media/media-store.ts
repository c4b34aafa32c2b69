// Where uploaded images live: a local directory (served by the HTTP layer from disk) or an S3-compatible bucket
// (s3-media-store.ts), chosen by MEDIA_STORE.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface MediaStore {
  /** Stores bytes under a key the server chose. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** Absolute URL of a stored key; `baseUrl` is the public origin of the API for this request. */
  url(key: string, baseUrl: string): string;
  /** Throws when the store cannot be reached (readiness); stores on this machine's disk have nothing to check. */
  check?(): Promise<void>;
  /** For stores the HTTP layer cannot serve from disk: the object under a key, `undefined` when there is none. */
  read?(key: string, conditions: { ifNoneMatch?: string }): Promise<MediaObject | 'not-modified' | undefined>;
}

export interface MediaObject {
  body: Readable;
  contentType: string;
  contentLength?: number;
  etag?: string;
  lastModified?: Date;
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

const CONTENT_TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;

// Only the shape newMediaKey makes: anything else (traversal, odd characters, other folders) is unknown without
// asking the store, and the type served follows from the key, never from what the store says.
const UPLOADED_KEY = /^(?:avatar|group)\/[0-9a-f]{32}\.(jpg|png|webp|gif)$/;

/** The content type an uploaded key is served with, or `undefined` for a key the service never makes. */
export function uploadedKeyType(key: string): string | undefined {
  const extension = UPLOADED_KEY.exec(key)?.[1];
  return extension ? CONTENT_TYPES[extension as keyof typeof CONTENT_TYPES] : undefined;
}

export function newMediaKey(folder: string, extension: string): string {
  return `${folder}/${randomBytes(16).toString('hex')}.${extension}`;
}
