// What every service receives: the database, media storage and validated settings (no globals, no process.env).
import type { Database } from '@groupchat/db';
import type { MediaStore } from '../media/media-store.ts';
import type { RongCloudDeps } from '../rongcloud/rongcloud-deps.ts';

export interface CoreSettings {
  /** log2 of scrypt's N; 16 in production (64 MiB per hash), lower in tests. */
  passwordHashCost: number;
  /** How long a face-to-face code admits members after the group is created. */
  faceToFaceCodeTtlMs: number;
  loginThrottle: { maxFailures: number; windowMs: number };
  /** Wrong face-to-face codes per user and group. */
  codeThrottle: { maxFailures: number; windowMs: number };
  /** Face-to-face code failures per user across all groups: wrong codes and codes found taken on create. */
  codeFailureThrottle: { maxFailures: number; windowMs: number };
  /** Groups a user may create, and users a caller may pull in, per window (every attempt counts). */
  createThrottle: { maxFailures: number; windowMs: number };
  pullInThrottle: { maxFailures: number; windowMs: number };
  /** `masked`: member lists show others' phone numbers as 138****5678; `full` is the legacy behaviour. */
  memberPhone: 'masked' | 'full';
  limits: { maxMembersPerGroup: number; maxGroupsPerUser: number; maxAdminsPerGroup: number };
  media: {
    maxUploadBytes: number;
    maxDimension: number;
    /** Canvas pixels of a still image (its decoded size). */
    maxInputPixels: number;
    /** Frames × canvas pixels of a GIF or an animated WebP: each frame is composed on the canvas and re-encoded. */
    maxAnimationPixels: number;
    /** Estimated CPU one upload may cost (process-image.ts): larger images are stored smaller, or refused. */
    maxCpuMs: number;
  };
}

export interface CoreDeps {
  db: Database;
  media: MediaStore;
  rongcloud: RongCloudDeps;
  settings: CoreSettings;
  now?: () => Date;
}

export const currentTime = (deps: Pick<CoreDeps, 'now'>) => (deps.now ? deps.now() : new Date());
