// The only reader of process.env: every setting, validated at start. A bad value stops the start naming it.
import { resolve } from 'node:path';
import { config as readDotEnv } from 'dotenv';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(3000),
    DATA_DIR: z.string().min(1).default('./.data'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, { error: 'must be a mongodb:// or mongodb+srv:// URI' })
      .optional(),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    MEDIA_DIR: z.string().min(1).optional(),
    MEDIA_STORE: z.enum(['local', 's3']).default('local'),
    MEDIA_PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/ })
      // Keys are appended after a slash: a query or fragment would swallow them.
      .refine((url) => !/[?#]/.test(url), { error: 'an origin and path only, without ? or #' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    S3_ENDPOINT: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    S3_REGION: z.string().trim().min(1).default('us-east-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: '3 to 63 lowercase letters, digits, dots and hyphens (an S3 bucket name)',
      })
      .optional(),
    S3_ACCESS_KEY_ID: z.string().trim().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().trim().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.stringbool().default(false),
    S3_REQUEST_TIMEOUT_MS: positiveInt.default(5_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z.string().default('loopback'),
    PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(16),
    FACE_TO_FACE_CODE_TTL_HOURS: z.coerce.number().positive().default(24),
    LOGIN_MAX_FAILURES: positiveInt.default(5),
    LOGIN_THROTTLE_WINDOW_SECONDS: positiveInt.default(900),
    MAX_UPLOAD_BYTES: positiveInt.default(5 * 1024 * 1024),
    MAX_IMAGE_DIMENSION: positiveInt.default(2048),
    RONGCLOUD_APP_KEY: z.string().trim().min(1).optional(),
    RONGCLOUD_APP_SECRET: z.string().trim().min(1).optional(),
    RONGCLOUD_API_URL: z
      .string()
      .transform((value) => value.split(',').map((url) => url.trim()))
      .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1))
      .optional(),
    RONGCLOUD_ID_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9]{0,20}$/, {
        error: 'letters and digits only, at most 20 (RongCloud ids allow nothing else)',
      })
      .default(''),
    RONGCLOUD_EMULATOR_PORT: port.optional(),
    RONGCLOUD_SYSTEM_USER_ID: z
      .string()
      .regex(/^[A-Za-z0-9]{1,40}$/, { error: 'letters and digits only, 1 to 40 (a RongCloud user id)' })
      .default('system'),
    // RongCloud's limit is 20 per app unless RongCloud raised it for the app (docs/rongcloud.md).
    RONGCLOUD_MESSAGES_PER_SECOND: positiveInt.max(1000).default(10),
    RONGCLOUD_REQUEST_DEADLINE_MS: positiveInt.default(2_000),
    RONGCLOUD_LEASE_TTL_MS: positiveInt.default(30_000),
    RONGCLOUD_BACKOFF_BASE_MS: positiveInt.default(1_000),
    RONGCLOUD_BACKOFF_MAX_MS: positiveInt.default(300_000),
    RONGCLOUD_LATE_APPLY_MS: z.coerce.number().int().min(0).default(30_000),
    RECONCILER_INTERVAL_MS: positiveInt.default(2_000),
    RECONCILER_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
    MAX_MEMBERS_PER_GROUP: positiveInt.max(3000).default(3000),
    MAX_GROUPS_PER_USER: positiveInt.default(1000),
    MAX_ADMINS_PER_GROUP: positiveInt.max(100).default(10),
    CODE_MAX_FAILURES: positiveInt.default(5),
    CODE_THROTTLE_WINDOW_SECONDS: positiveInt.default(600),
    CODE_FAILURES_PER_HOUR: positiveInt.default(20),
    GROUP_CREATES_PER_HOUR: positiveInt.default(30),
    PULL_INS_PER_HOUR: positiveInt.default(100),
    MEMBER_PHONE: z.enum(['masked', 'full']).default('masked'),
    CORS_ORIGINS: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/ })))
      .default([]),
    METRICS_TOKEN: z.string().min(16, { error: 'use at least 16 characters' }).optional(),
    DB_COMMAND_METRICS: z.stringbool().default(false),
    HTTP_HEADERS_TIMEOUT_MS: positiveInt.default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: positiveInt.default(60_000),
    // Set by npm to the directory it was run from; scripts themselves run in their workspace (apps/server).
    INIT_CWD: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (!env.RONGCLOUD_APP_KEY !== !env.RONGCLOUD_APP_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: [env.RONGCLOUD_APP_KEY ? 'RONGCLOUD_APP_SECRET' : 'RONGCLOUD_APP_KEY'],
        message: 'set both RONGCLOUD_APP_KEY and RONGCLOUD_APP_SECRET, or neither (local emulator)',
      });
    }
    if (env.MEDIA_STORE === 's3') {
      for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
        if (!env[name])
          ctx.addIssue({ code: 'custom', path: [name], message: 'required with MEDIA_STORE=s3' });
      }
    } else if (env.MEDIA_PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_PUBLIC_BASE_URL'],
        message: 'only with MEDIA_STORE=s3 (local media is served by the service under /media)',
      });
    }
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.RONGCLOUD_APP_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['RONGCLOUD_APP_KEY'],
        message: 'production needs real RongCloud credentials (RONGCLOUD_APP_KEY and RONGCLOUD_APP_SECRET)',
      });
    }
  })
  .transform(({ INIT_CWD, ...env }) => {
    // Relative paths mean the directory the user started from, so `npm start` at the root keeps data in ./.data.
    const base = INIT_CWD ?? process.cwd();
    const dataDir = resolve(base, env.DATA_DIR);
    return {
      ...env,
      DATA_DIR: dataDir,
      MEDIA_DIR: env.MEDIA_DIR ? resolve(base, env.MEDIA_DIR) : `${dataDir}/media`,
    };
  });

export type Env = z.infer<typeof ZEnv>;

export class EnvError extends Error {}

/** Reads process.env (after a `.env` file, when present) unless a source is given (tests). */
export function loadEnv(source?: Record<string, string | undefined>): Env {
  // The `.env` the user made where npm was run (the root, next to .env.example), not in the script's workspace.
  if (!source) readDotEnv({ path: resolve(process.env.INIT_CWD ?? process.cwd(), '.env'), quiet: true });
  source ??= process.env;
  // Empty values mean unset, as in most .env files.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new EnvError(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
