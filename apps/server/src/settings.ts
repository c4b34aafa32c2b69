// Turns validated environment variables into the settings objects the packages take.
import { resolve } from 'node:path';
import type { CoreSettings, ReconcilerOptions, S3MediaStoreOptions } from '@groupchat/core';
import type { AppSettings } from './app.ts';
import type { Env } from './env.ts';

const HOUR_MS = 3_600_000;

export const VERSION = '0.1.0';

export type MediaStoreSettings = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3MediaStoreOptions);

export function settingsFrom(env: Env): {
  core: CoreSettings;
  app: AppSettings;
  reconciler: ReconcilerOptions;
  mediaStore: MediaStoreSettings;
} {
  return {
    core: {
      passwordHashCost: env.PASSWORD_HASH_COST,
      faceToFaceCodeTtlMs: env.FACE_TO_FACE_CODE_TTL_HOURS * 3600_000,
      loginThrottle: {
        maxFailures: env.LOGIN_MAX_FAILURES,
        windowMs: env.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
      },
      codeThrottle: { maxFailures: env.CODE_MAX_FAILURES, windowMs: env.CODE_THROTTLE_WINDOW_SECONDS * 1000 },
      codeFailureThrottle: { maxFailures: env.CODE_FAILURES_PER_HOUR, windowMs: HOUR_MS },
      createThrottle: { maxFailures: env.GROUP_CREATES_PER_HOUR, windowMs: HOUR_MS },
      pullInThrottle: { maxFailures: env.PULL_INS_PER_HOUR, windowMs: HOUR_MS },
      memberPhone: env.MEMBER_PHONE,
      limits: {
        maxMembersPerGroup: env.MAX_MEMBERS_PER_GROUP,
        maxGroupsPerUser: env.MAX_GROUPS_PER_USER,
        maxAdminsPerGroup: env.MAX_ADMINS_PER_GROUP,
      },
      media: {
        maxUploadBytes: env.MAX_UPLOAD_BYTES,
        maxDimension: env.MAX_IMAGE_DIMENSION,
        maxInputPixels: 50_000_000,
        // A GIF costs about 90 ns of CPU per frame pixel here (composition and palette re-encoding): 2 million keep
        // one upload near 200 ms, where a 269-byte GIF of ten 1×1 frames on a 2000×2000 canvas took 3.4 s.
        maxAnimationPixels: 2_000_000,
        // "About 200 ms of CPU per upload on this machine" (issue 14): a noisy 5 MiB WebP cost 1.2 s.
        maxCpuMs: 200,
      },
    },
    app: {
      publicBaseUrl: env.PUBLIC_BASE_URL,
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxBodyBytes: 100 * 1024,
      mediaDir: resolve(env.MEDIA_DIR),
      trustProxy: env.TRUST_PROXY,
      version: VERSION,
      corsOrigins: env.CORS_ORIGINS,
      metricsToken: env.METRICS_TOKEN,
    },
    reconciler: {
      intervalMs: env.RECONCILER_INTERVAL_MS,
      graceMs: env.RECONCILER_GRACE_MS,
      batchSize: 50,
      fallbackBaseUrl: env.PUBLIC_BASE_URL ?? `http://${env.HOST}:${env.PORT}`,
    },
    mediaStore:
      env.MEDIA_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            // env.ts refuses MEDIA_STORE=s3 without these three.
            bucket: env.S3_BUCKET!,
            accessKeyId: env.S3_ACCESS_KEY_ID!,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
            publicBaseUrl: env.MEDIA_PUBLIC_BASE_URL,
            requestTimeoutMs: env.S3_REQUEST_TIMEOUT_MS,
          }
        : { kind: 'local', dir: resolve(env.MEDIA_DIR) },
  };
}

export const OPENAPI_PATH = new URL('../../../openapi.json', import.meta.url).pathname;
