import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, inflateSync } from 'node:zlib';
import { cleanPhoto, stripJpeg } from './photos.ts';
import { jpegWithExif } from './photos.testkit.ts';

const SECRET = 'GPS 22.5431N 113.9305E Owner Zhang';

test('JPEG: EXIF (APP1) and comments are removed, the image segments and scan data kept byte for byte', () => {
  const input = jpegWithExif(SECRET);
  const out = cleanPhoto(input);
  assert.equal(out?.mime, 'image/jpeg');
  assert.ok(input.includes(SECRET));
  assert.ok(!out!.bytes.includes(SECRET), 'the secret is gone');
  assert.ok(!out!.bytes.includes(Buffer.from('Exif')), 'no EXIF header');
  // What is left: SOI, APP0, DQT, SOS + its data (stuffed byte and restart marker kept), EOI.
  const scan = Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0xff, 0xd9]);
  assert.ok(out!.bytes.subarray(out!.bytes.length - scan.length).equals(scan));
  assert.equal(out!.bytes.length, input.length - (4 + 6 + SECRET.length) - (4 + 8 + SECRET.length));
  // Idempotent: a clean file comes back the same.
  assert.ok(stripJpeg(out!.bytes)!.equals(out!.bytes));
});

test('JPEG: a truncated file or a length past the end is refused', () => {
  const input = jpegWithExif();
  assert.equal(cleanPhoto(input.subarray(0, input.length - 2)), null, 'no EOI');
  assert.equal(cleanPhoto(input.subarray(0, 30)), null, 'cut inside a segment');
  const bad = Buffer.from(input);
  bad.writeUInt16BE(0xfff0, 4); // APP0 length past the end
  assert.equal(cleanPhoto(bad), null);
});

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

test('PNG: text, eXIf and time chunks are removed; the pixel data is kept unchanged', () => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(3, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc(2 * (1 + 3 * 3), 200);
  rows[0] = 0;
  rows[10] = 0; // filter bytes
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = [pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows))];
  const end = pngChunk('IEND', Buffer.alloc(0));
  const clean = Buffer.concat([head, ...image, end]);
  const tagged = Buffer.concat([
    head,
    image[0]!,
    pngChunk('tEXt', Buffer.from(`Author\0${SECRET}`)),
    pngChunk('eXIf', Buffer.from(`MM\0*${SECRET}`)),
    pngChunk('tIME', Buffer.alloc(7)),
    image[1]!,
    pngChunk('zTXt', Buffer.from(`Comment\0\0${SECRET}`)),
    end,
  ]);
  const out = cleanPhoto(tagged);
  assert.equal(out?.mime, 'image/png');
  assert.ok(tagged.includes(SECRET));
  assert.ok(!out!.bytes.includes(SECRET));
  assert.ok(out!.bytes.equals(clean), 'exactly the file without its metadata');
  assert.ok(inflateSync(out!.bytes.subarray(33 + 8, out!.bytes.length - 12 - 4)).equals(rows));
  assert.equal(cleanPhoto(tagged.subarray(0, tagged.length - 12)), null, 'no IEND');
});

function riffChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}
function riff(chunks: Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

test('WebP: EXIF and XMP chunks are removed, their VP8X flags cleared and the RIFF size rewritten', () => {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x0c | 0x10; // EXIF + XMP + alpha
  const image = riffChunk('VP8L', Buffer.from([0x2f, 1, 2, 3, 4]));
  const input = riff([
    riffChunk('VP8X', vp8x),
    image,
    riffChunk('EXIF', Buffer.from(SECRET)),
    riffChunk('XMP ', Buffer.from(`<x>${SECRET}</x>`)),
  ]);
  const out = cleanPhoto(input);
  assert.equal(out?.mime, 'image/webp');
  assert.ok(!out!.bytes.includes(SECRET));
  const flags = Buffer.from(vp8x);
  flags[0] = 0x10;
  assert.ok(out!.bytes.equals(riff([riffChunk('VP8X', flags), image])));
  assert.equal(out!.bytes.readUInt32LE(4), out!.bytes.length - 8);
});

test('other files (GIF, PDF, text, empty) are refused', () => {
  for (const b of [Buffer.from('GIF89a....'), Buffer.from('%PDF-1.7'), Buffer.from('hello'), Buffer.alloc(0)])
    assert.equal(cleanPhoto(b), null);
});
