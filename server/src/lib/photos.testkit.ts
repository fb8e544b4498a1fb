/** Photo fixtures (civic and dispatch tests): small files with metadata blocks that must not survive an upload. */

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * A JPEG's structure (not a decodable picture: the tests read segments, not pixels): SOI, JFIF, an EXIF
 * block naming a GPS position, a comment, a quantization table, SOS with entropy-coded bytes holding a
 * stuffed 0xFF00 and a restart marker, EOI.
 */
export function jpegWithExif(secret = 'GPS 22.5431N 113.9305E Owner Zhang'): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(secret)])),
    segment(0xfe, Buffer.from(`comment ${secret}`)),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78]),
    Buffer.from([0xff, 0xd9]),
  ]);
}
