/** Longest side of an uploaded photo: plenty to see a problem, and far under the 8 MB limit as JPEG. */
const MAX_SIDE = 1600;

/**
 * A chosen photo drawn upright onto a canvas (browsers apply the EXIF orientation when decoding) and encoded
 * again as JPEG: smaller, and without the file's metadata. The server strips metadata again whatever
 * arrives (decision 0043). Resolves to base64 without the data: prefix.
 */
export async function shrinkPhoto(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', 0.85),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
