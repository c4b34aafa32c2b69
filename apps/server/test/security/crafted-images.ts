// Hand-built image files for upload abuse: a PNG whose header claims any size (a decompression bomb when the size
// is huge), a JPEG patched to claim another size, and other formats' bytes under image names.
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (IEEE), as PNG chunks carry it; zlib.crc32 exists only from Node 22. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A valid-looking 8-bit grayscale PNG that claims `width` × `height` pixels but carries only a few rows of zeros:
 * a few hundred bytes on the wire, `width × height` bytes once decoded.
 */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // grayscale
  // Compression, filter and interlace methods stay 0.
  const rows = Buffer.alloc(Math.min(height, 4) * (width + 1));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same JPEG with its frame header (SOF0/SOF2) rewritten to claim `width` × `height`. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const patched = Buffer.from(jpeg);
  for (let i = 2; i + 9 < patched.length; ) {
    if (patched[i] !== 0xff) throw new Error('jpegClaiming: not at a marker');
    const marker = patched[i + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      patched.writeUInt16BE(height, i + 5);
      patched.writeUInt16BE(width, i + 7);
      return patched;
    }
    i += 2 + patched.readUInt16BE(i + 2);
  }
  throw new Error('jpegClaiming: no frame header');
}

/** Files that are not images, some wearing an image's first bytes. */
export const NOT_IMAGES: Record<string, Buffer> = {
  'PNG signature, then garbage': Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from('not a chunk at all, just text'.repeat(8)),
  ]),
  'JPEG start of image, then zeros': Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.alloc(512),
  ]),
  'GIF header alone': Buffer.from('GIF89a'),
  'PHP script': Buffer.from('<?php system($_GET["c"]); ?>'),
  'HTML page': Buffer.from('<!doctype html><script>alert(document.cookie)</script>'),
  'SVG with a script': Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script>' +
      '<rect width="10" height="10"/></svg>',
  ),
  'PDF document': Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF',
  ),
  'ELF executable': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
  'ZIP archive': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]),
  'empty file': Buffer.alloc(0),
};

/**
 * An animated GIF whose canvas is `width` × `height` but whose `frames` frames are each one pixel: a few hundred
 * bytes on the wire, `frames × width × height` pixels for a decoder that composes every frame on the canvas.
 */
export function gifClaiming(width: number, height: number, frames: number): Buffer {
  const screen = Buffer.alloc(7);
  screen.writeUInt16LE(width, 0);
  screen.writeUInt16LE(height, 2);
  screen.writeUInt8(0x80, 4); // a global colour table of two entries
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00]);
  // Graphic control (no delay), then a 1×1 image at 0,0: LZW code size 2, codes clear, 0, end (3 bits each).
  const frame = Buffer.from([
    ...[0x21, 0xf9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00],
    ...[0x2c, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00],
    ...[0x02, 0x02, 0x44, 0x01, 0x00],
  ]);
  return Buffer.concat([
    Buffer.from('GIF89a', 'latin1'),
    screen,
    Buffer.from([0, 0, 0, 255, 255, 255]),
    loop,
    ...Array.from({ length: frames }, () => frame),
    Buffer.from([0x3b]),
  ]);
}
