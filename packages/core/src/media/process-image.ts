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
  const format = await detectFormat(file.buffer, limits, field);
  const image = sharp(file.buffer, {
    animated: format === 'gif' || format === 'webp',
    limitInputPixels: limits.maxInputPixels,
  })
    .autoOrient()
    .resize({
      width: limits.maxDimension,
      height: limits.maxDimension,
      fit: 'inside',
      withoutEnlargement: true,
    });
  try {
    const data = await image.toFormat(format).toBuffer();
    return { data, ...FORMATS[format] };
  } catch (cause) {
    throw unreadable(field, cause);
  }
}

// The work an image costs is known from its header before a pixel is decoded: refuse it there. Animations are
// bounded by frames × canvas, since every frame, however small on the wire, is composed on the whole canvas.
async function detectFormat(buffer: Buffer, limits: CoreSettings['media'], field: string): Promise<Format> {
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
  return format as Format;
}

const NOT_AN_IMAGE = 'not_an_image';

// A header that decodes but a body that does not (truncated, corrupt) is still the client's bad file.
const unreadable = (field: string, cause: unknown) =>
  new AppError('unsupported_media_type', { cause, fields: { [field]: [NOT_AN_IMAGE] } });
