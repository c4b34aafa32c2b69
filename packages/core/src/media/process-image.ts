// Accepts an upload only if its bytes decode as JPEG, PNG, WebP or GIF; re-encodes it, which drops EXIF/GPS and
// anything appended to the file, and bounds its dimensions. The file name and declared type are never trusted.
import type { UploadedFile } from '@groupchat/contracts';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../shared/app-error.ts';
import type { CoreSettings } from '../shared/deps.ts';

const FORMATS = {
  jpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  png: { extension: 'png', contentType: 'image/png' },
  webp: { extension: 'webp', contentType: 'image/webp' },
  gif: { extension: 'gif', contentType: 'image/gif' },
} as const;
type Format = keyof typeof FORMATS;

export interface ProcessedImage {
  data: Buffer;
  extension: string;
  contentType: string;
}

export async function processImage(
  file: UploadedFile,
  field: string,
  limits: CoreSettings['media'],
): Promise<ProcessedImage> {
  if (file.size > limits.maxUploadBytes || file.buffer.length > limits.maxUploadBytes) {
    throw new AppError('file_too_large');
  }
  const { format, metadata } = await detectFormat(file.buffer, limits, field);
  const side = outputSide(file.buffer.length, format, metadata, limits);
  if (side === undefined) throw new AppError('file_too_large', { fields: { [field]: ['image_too_large'] } });
  const image = sharp(file.buffer, {
    animated: format === 'gif' || format === 'webp',
    limitInputPixels: limits.maxInputPixels,
  })
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true });
  try {
    const data = await image.toFormat(format, ENCODER_OPTIONS[format]).toBuffer();
    return { data, ...FORMATS[format] };
  } catch (cause) {
    throw unreadable(field, cause);
  }
}

// The work an image costs is known from its header before a pixel is decoded: refuse it there. Animations are
// bounded by frames × canvas, since every frame, however small on the wire, is composed on the whole canvas.
async function detectFormat(
  buffer: Buffer,
  limits: CoreSettings['media'],
  field: string,
): Promise<{ format: Format; metadata: Metadata }> {
  let metadata: Metadata;
  try {
    // Reading the header decodes nothing; the pixel limits are ours below, so that a big image is a 413, not a 415.
    metadata = await sharp(buffer, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new AppError('unsupported_media_type', { cause, fields: { [field]: [NOT_AN_IMAGE] } });
  }
  const format = metadata.format as string;
  if (!(format in FORMATS)) {
    throw new AppError('unsupported_media_type', { fields: { [field]: [NOT_AN_IMAGE] } });
  }
  const canvas = (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0);
  const frames = metadata.pages ?? 1;
  const animated = format === 'gif' || frames > 1;
  if (canvas > limits.maxInputPixels || (animated && canvas * frames > limits.maxAnimationPixels)) {
    throw new AppError('file_too_large', { fields: { [field]: ['image_too_large'] } });
  }
  return { format: format as Format, metadata };
}

// Encoders at their lowest effort that still compresses well: WebP's default effort (4) and GIF's (7) cost about
// twice as much CPU on high-entropy input for a few percent of size.
const ENCODER_OPTIONS: Record<Format, object> = {
  jpeg: {},
  png: {},
  webp: { effort: 0 },
  gif: { effort: 1 },
};

/**
 * CPU an upload costs, in nanoseconds, as measured with scripts/image-cost.ts on this project's 2-core machine and
 * fitted to the worst inputs found there, so that it bounds rather than averages: decoding costs per input byte
 * (high-entropy files) and per decoded pixel (huge flat ones); encoding costs per output pixel, plus a share that
 * grows with the input's bytes per pixel (a proxy for entropy: noise costs WebP and GIF encoders 5–10 times what a
 * flat image does). Progressive JPEG and interlaced PNG cannot be decoded in one streaming pass.
 */
interface Cost {
  perByte: number;
  perPixel: number;
  encodePerPixel: number;
  encodePerPixelPerDensity: number;
}
const COSTS: Record<Format | 'progressiveJpeg' | 'interlacedPng', Cost> = {
  jpeg: { perByte: 25, perPixel: 1.5, encodePerPixel: 15, encodePerPixelPerDensity: 0 },
  progressiveJpeg: { perByte: 45, perPixel: 5.3, encodePerPixel: 15, encodePerPixelPerDensity: 0 },
  png: { perByte: 18.5, perPixel: 2.1, encodePerPixel: 10, encodePerPixelPerDensity: 10 },
  interlacedPng: { perByte: 17, perPixel: 10, encodePerPixel: 10, encodePerPixelPerDensity: 10 },
  webp: { perByte: 75, perPixel: 5, encodePerPixel: 22, encodePerPixelPerDensity: 107 },
  gif: { perByte: 5, perPixel: 2, encodePerPixel: 35, encodePerPixelPerDensity: 425 },
};

// Below this many output pixels per frame an image is no longer worth storing: refuse it instead (413).
const MIN_OUTPUT_PIXELS = 256 * 256;

/**
 * The longest output side that keeps the estimated cost within `limits.maxCpuMs`: `maxDimension`, or less for an
 * image whose decoding leaves too little for encoding at full size; undefined when even a small output would not fit.
 */
function outputSide(
  bytes: number,
  format: Format,
  metadata: Metadata,
  limits: CoreSettings['media'],
): number | undefined {
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  const frames = metadata.pages ?? 1;
  const inputPixels = Math.max(1, width * height * frames);
  const cost =
    COSTS[
      metadata.isProgressive && format === 'jpeg'
        ? 'progressiveJpeg'
        : metadata.isProgressive && format === 'png'
          ? 'interlacedPng'
          : format
    ];
  const decode = bytes * cost.perByte + inputPixels * cost.perPixel;
  const perOutputPixel = cost.encodePerPixel + cost.encodePerPixelPerDensity * (bytes / inputPixels);
  const affordable = (limits.maxCpuMs * 1e6 - decode) / perOutputPixel / frames;
  const scale = Math.min(1, limits.maxDimension / Math.max(width, height, 1));
  const full = width * height * scale * scale;
  if (full <= affordable) return limits.maxDimension;
  if (affordable < Math.min(full, MIN_OUTPUT_PIXELS)) return undefined;
  return Math.floor(Math.max(width, height) * scale * Math.sqrt(affordable / full));
}

const NOT_AN_IMAGE = 'not_an_image';

// A header that decodes but a body that does not (truncated, corrupt) is still the client's bad file.
const unreadable = (field: string, cause: unknown) =>
  new AppError('unsupported_media_type', { cause, fields: { [field]: [NOT_AN_IMAGE] } });
