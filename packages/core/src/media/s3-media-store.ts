// Uploaded images in an S3-compatible bucket (AWS S3, versitygw, R2, …): instances sharing the bucket serve each
// other's uploads. Any failure to reach the bucket is a 503 in the envelope, never a 500 (decision 0008).
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { AppError } from '../shared/app-error.ts';
import { DEFAULT_AVATAR_KEY, type MediaStore, uploadedKeyType } from './media-store.ts';

export interface S3MediaStoreOptions {
  /** Unset: AWS S3 of `region`. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key` (most self-hosted servers). */
  forcePathStyle: boolean;
  /** Origin that serves the bucket's objects (CDN, public bucket); unset: the service streams them at /media. */
  publicBaseUrl?: string;
  /** How long one request to the store may take before the upload answers 503. */
  requestTimeoutMs: number;
}

export function createS3MediaStore(options: S3MediaStoreOptions): MediaStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // One retry for a dropped connection; an unreachable store must answer the uploader within seconds, not the
    // SDK's default of three attempts without a deadline.
    maxAttempts: 2,
    requestHandler: {
      connectionTimeout: Math.min(options.requestTimeoutMs, 2_000),
      requestTimeout: options.requestTimeoutMs,
      // Without it the SDK only warns once the time is up, and an upload waits on a silent store forever.
      throwOnRequestTimeout: true,
    },
  });
  const unavailable = (cause: unknown) =>
    new AppError('service_unavailable', { cause, retryAfterSeconds: 5, detail: 'media_store_unavailable' });
  const defaultsPrefix = DEFAULT_AVATAR_KEY.slice(0, DEFAULT_AVATAR_KEY.indexOf('/') + 1);
  const { bucket } = options;

  return {
    async put(key, data, contentType) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: data,
            ContentType: contentType,
            // Keys are never reused (newMediaKey), so an object never changes under its URL.
            CacheControl: 'public, max-age=604800, immutable',
          }),
        );
      } catch (error) {
        throw unavailable(error);
      }
    },
    // The default images ship with the code and the service serves them itself, so a fresh bucket needs nothing.
    url: (key, baseUrl) =>
      options.publicBaseUrl && !key.startsWith(defaultsPrefix)
        ? `${options.publicBaseUrl}/${key}`
        : `${baseUrl}/media/${key}`,
    async check() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }));
      } catch (error) {
        throw unavailable(error);
      }
    },
    async read(key, { ifNoneMatch }) {
      const contentType = uploadedKeyType(key);
      if (!contentType) return undefined;
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, IfNoneMatch: ifNoneMatch }),
        );
        return {
          body: object.Body as Readable,
          contentType,
          contentLength: object.ContentLength,
          etag: object.ETag,
          lastModified: object.LastModified,
        };
      } catch (error) {
        const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
        if (status === 304) return 'not-modified';
        if (status === 404) return undefined;
        throw unavailable(error);
      }
    },
  };
}
