// What one upload costs to process (processImage: header check, decode, resize, re-encode), in CPU time of the
// whole process (sharp's threads included), for the worst inputs of at most 5 MiB we could build for each format:
// high-entropy noise (the encoders' worst case), the largest dimensions the pixel limit admits, progressive JPEG,
// lossless WebP, animations. Prints a table; it asserts nothing (figures go to docs/security.md).
//   npx tsx packages/core/scripts/image-cost.ts [repetitions]
import { randomBytes } from 'node:crypto';
import sharp, { type SharpOptions } from 'sharp';
import { processImage } from '../src/media/process-image.ts';
import { AppError } from '../src/shared/app-error.ts';

const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
// The production values (apps/server/src/settings.ts).
const limits = {
  maxUploadBytes: MAX_UPLOAD_BYTES,
  maxDimension: 2048,
  maxInputPixels: 50_000_000,
  maxAnimationPixels: 2_000_000,
  maxCpuMs: 200,
};
const repetitions = Number(process.argv[2] ?? 3);

const noise = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp(randomBytes(width * height * channels), { raw: { width, height, channels } });
const flat = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } });

/** Every pixel differs from its neighbours a little: cheap to compress, still costly to quantise for GIF. */
function gradient(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) pixels.set([x & 255, y & 255, (x + y) & 255], (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** Noise frames stacked as one animation: `pages` frames of width × height. */
const animatedNoise = (width: number, height: number, pages: number) =>
  sharp(randomBytes(width * height * pages * 4), {
    raw: { width, height: height * pages, channels: 4, pageHeight: height },
  } as SharpOptions);

/** The largest square of noise, encoded by `encode`, that still fits in an upload. */
async function largestFitting(encode: (side: number) => Promise<Buffer>, low: number, high: number) {
  let best: Buffer | undefined;
  while (high - low > 16) {
    const side = Math.floor((low + high) / 2);
    const file = await encode(side);
    if (file.length <= MAX_UPLOAD_BYTES) {
      best = file;
      low = side;
    } else high = side;
  }
  if (!best) throw new Error('nothing fits');
  return best;
}

const cases: Record<string, () => Promise<Buffer>> = {
  'JPEG noise q90, largest fitting': () =>
    largestFitting((s) => noise(s, s).jpeg({ quality: 90 }).toBuffer(), 500, 3000),
  'JPEG noise q20, largest fitting': () =>
    largestFitting((s) => noise(s, s).jpeg({ quality: 20 }).toBuffer(), 1000, 7000),
  'progressive JPEG noise q50, largest fitting': () =>
    largestFitting((s) => noise(s, s).jpeg({ quality: 50, progressive: true }).toBuffer(), 1000, 5000),
  'JPEG flat 7000×7000 (49 MP)': () => flat(7000, 7000).jpeg().toBuffer(),
  'progressive JPEG flat 7000×7000': () => flat(7000, 7000).jpeg({ progressive: true }).toBuffer(),
  'PNG noise, largest fitting': () => largestFitting((s) => noise(s, s).png().toBuffer(), 500, 2000),
  'PNG flat 7000×7000': () => flat(7000, 7000).png().toBuffer(),
  'interlaced PNG flat 7000×7000': () => flat(7000, 7000).png({ progressive: true }).toBuffer(),
  'WebP noise q90, largest fitting': () =>
    largestFitting((s) => noise(s, s).webp({ quality: 90 }).toBuffer(), 500, 4000),
  'WebP noise q10, largest fitting': () =>
    largestFitting((s) => noise(s, s).webp({ quality: 10 }).toBuffer(), 1000, 7000),
  'lossless WebP noise, largest fitting': () =>
    largestFitting((s) => noise(s, s).webp({ lossless: true }).toBuffer(), 500, 2000),
  'WebP noise q80 2000×2000': () => noise(2000, 2000).webp().toBuffer(),
  'WebP flat 7000×7000': () => flat(7000, 7000).webp().toBuffer(),
  'GIF noise, largest fitting': () => largestFitting((s) => noise(s, s).gif().toBuffer(), 500, 3000),
  'GIF gradient 2000×2000': () => gradient(2000, 2000).gif().toBuffer(),
  'GIF flat 7000×7000': () => flat(7000, 7000).gif().toBuffer(),
  'animated GIF noise 1000×1000 × 2': () => animatedNoise(1000, 1000, 2).gif().toBuffer(),
  'animated GIF noise 450×450 × 9': () => animatedNoise(450, 450, 9).gif().toBuffer(),
  'animated WebP noise 1000×1000 × 2': () => animatedNoise(1000, 1000, 2).webp({ quality: 90 }).toBuffer(),
  'animated WebP noise 316×316 × 20': () => animatedNoise(316, 316, 20).webp({ quality: 90 }).toBuffer(),
};

sharp.cache(false);
console.log(`| input | bytes | dimensions | CPU ms (min–max of ${repetitions}) | wall ms | answer |`);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const [name, build] of Object.entries(cases)) {
  const buffer = await build();
  const meta = await sharp(buffer, { limitInputPixels: false }).metadata();
  const cpu: number[] = [];
  const wall: number[] = [];
  let answer = '';
  let stored: Buffer | undefined;
  for (let i = 0; i < repetitions; i++) {
    const started = process.cpuUsage();
    const startedAt = performance.now();
    try {
      stored = undefined;
      const out = await processImage(
        { buffer, size: buffer.length, originalName: 'x', mimeType: 'application/octet-stream' },
        'cover',
        limits,
      );
      stored = out.data;
    } catch (error) {
      answer = error instanceof AppError ? `${error.code}` : String(error);
    }
    const used = process.cpuUsage(started);
    cpu.push((used.user + used.system) / 1000);
    wall.push(performance.now() - startedAt);
  }
  if (stored) {
    const out = await sharp(stored).metadata();
    answer = `stored ${out.width}×${out.pageHeight ?? out.height}`;
  }
  const dims = `${meta.width}×${meta.pageHeight ?? meta.height}${(meta.pages ?? 1) > 1 ? ` × ${meta.pages}` : ''}`;
  console.log(
    `| ${name} | ${buffer.length} | ${dims} | ${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)} | ${Math.min(...wall).toFixed(0)} | ${answer} |`,
  );
}
