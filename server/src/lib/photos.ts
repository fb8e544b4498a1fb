/**
 * Uploaded photos: the type read from the bytes (never the name or a claimed type) and every metadata
 * block removed before anything is stored (decisions/0043). A phone's photo carries the place it was taken
 * (EXIF GPS), the device and often the owner's name; the report keeps only the point the reporter chose.
 *
 * - JPEG: segments APP1–APP15 (EXIF, XMP, ICC, IPTC, maker notes) and COM are dropped, APP0 (JFIF) and the
 *   image segments kept; the entropy-coded data after SOS is copied as it is. EXIF orientation goes with
 *   APP1: the web form draws photos upright onto a canvas before upload, so they arrive already turned.
 * - PNG: only the chunks that draw the image are kept (IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, sBIT,
 *   bKGD, pHYs); text chunks (tEXt, zTXt, iTXt), eXIf, tIME, iCCP and private chunks are dropped.
 * - WebP: the EXIF and XMP chunks are dropped and the VP8X flags for them cleared, the RIFF size rewritten.
 *
 * A file that does not parse to its end is refused (null), never stored half-read.
 */
export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp';

export interface CleanPhoto {
  mime: PhotoMime;
  bytes: Buffer;
}

export function cleanPhoto(input: Buffer): CleanPhoto | null {
  try {
    if (input.length >= 4 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) {
      const bytes = stripJpeg(input);
      return bytes && { mime: 'image/jpeg', bytes };
    }
    if (input.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const bytes = stripPng(input);
      return bytes && { mime: 'image/png', bytes };
    }
    if (input.toString('latin1', 0, 4) === 'RIFF' && input.toString('latin1', 8, 12) === 'WEBP') {
      const bytes = stripWebp(input);
      return bytes && { mime: 'image/webp', bytes };
    }
  } catch {
    // A length field pointing past the end: not a whole file.
  }
  return null;
}

/** JPEG markers without a length field (standalone). */
const STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);

export function stripJpeg(input: Buffer): Buffer | null {
  const out: Buffer[] = [input.subarray(0, 2)];
  let i = 2;
  while (i < input.length) {
    if (input[i] !== 0xff) return null;
    const marker = input[i + 1];
    if (marker === undefined) return null;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd9) {
      out.push(input.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    if (STANDALONE.has(marker)) {
      out.push(input.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (i + 4 > input.length) return null;
    const len = input.readUInt16BE(i + 2);
    if (len < 2 || i + 2 + len > input.length) return null;
    const end = i + 2 + len;
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) out.push(input.subarray(i, end));
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      let j = end;
      while (j + 1 < input.length) {
        if (input[j] === 0xff) {
          const next = input[j + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        j++;
      }
      if (j + 1 >= input.length) return null;
      out.push(input.subarray(end, j));
      i = j;
      continue;
    }
    i = end;
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'sBIT',
  'bKGD',
  'pHYs',
]);

export function stripPng(input: Buffer): Buffer | null {
  const out: Buffer[] = [PNG_SIGNATURE];
  let i = 8;
  while (i + 12 <= input.length) {
    const len = input.readUInt32BE(i);
    const type = input.toString('latin1', i + 4, i + 8);
    const end = i + 12 + len;
    if (end > input.length) return null;
    if (PNG_KEEP.has(type)) out.push(input.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

export function stripWebp(input: Buffer): Buffer | null {
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length || riffEnd < 12) return null;
  const chunks: Buffer[] = [];
  let i = 12;
  while (i + 8 <= riffEnd) {
    const type = input.toString('latin1', i, i + 4);
    const len = input.readUInt32LE(i + 4);
    const end = i + 8 + len + (len & 1);
    if (end > riffEnd) return null;
    if (type === 'VP8X') {
      const chunk = Buffer.from(input.subarray(i, end));
      // Flags byte: bit 3 EXIF, bit 2 XMP (the chunks dropped below).
      chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    } else if (type !== 'EXIF' && type !== 'XMP ') chunks.push(input.subarray(i, end));
    i = end;
  }
  if (i !== riffEnd || chunks.length === 0) return null;
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('WEBP', 8, 'latin1');
  return Buffer.concat([head, body]);
}

/** A base64 upload decoded, size-checked and cleaned; null when too large or not a whole photo. */
export function decodePhoto(base64: string, maxBytes: number): CleanPhoto | null {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.length <= maxBytes ? cleanPhoto(bytes) : null;
}
