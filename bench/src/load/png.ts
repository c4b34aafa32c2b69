// The cover the benchmark uploads, made with the service's own image library: no file in the repository.
import sharp from 'sharp';

/** A width × height gradient (about 8 KB at 64 × 64): a "small cover" as a phone would send a thumbnail. */
export function encodeGradientPng(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      pixels.set([(x * 255) / width, (y * 255) / height, 128], (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}
