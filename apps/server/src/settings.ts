// Turns validated environment variables into the settings objects the packages take.
import { resolve } from 'node:path';
import type { CoreSettings } from '@groupchat/core';
import type { AppSettings } from './app.ts';
import type { Env } from './env.ts';

export const VERSION = '0.1.0';

export function settingsFrom(env: Env): { core: CoreSettings; app: AppSettings } {
  return {
    core: {
      passwordHashCost: env.PASSWORD_HASH_COST,
      faceToFaceCodeTtlMs: env.FACE_TO_FACE_CODE_TTL_HOURS * 3600_000,
      loginThrottle: {
        maxFailures: env.LOGIN_MAX_FAILURES,
        windowMs: env.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
      },
      media: {
        maxUploadBytes: env.MAX_UPLOAD_BYTES,
        maxDimension: env.MAX_IMAGE_DIMENSION,
        maxInputPixels: 50_000_000,
      },
    },
    app: {
      publicBaseUrl: env.PUBLIC_BASE_URL,
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxBodyBytes: 100 * 1024,
      mediaDir: resolve(env.MEDIA_DIR),
      trustProxy: env.TRUST_PROXY,
      version: VERSION,
    },
  };
}

export const OPENAPI_PATH = new URL('../../../openapi.json', import.meta.url).pathname;
