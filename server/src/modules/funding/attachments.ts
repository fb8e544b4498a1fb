import { FUNDING_MAX_ATTACHMENT_BYTES } from '@yiqi/shared/contracts/funding';
import { cleanPhoto } from '../../lib/photos.ts';

/**
 * An uploaded attachment: its type read from its bytes, never from its name. Photos go through the civic
 * cleaner (decisions/0043: metadata such as GPS removed, a file that does not parse refused); a PDF must
 * start with its header and end with its end-of-file marker (a truncated upload is refused). Null: refused.
 */
export function sniffAttachment(base64: string): { mime: string; bytes: Buffer } | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > FUNDING_MAX_ATTACHMENT_BYTES) return null;
  if (bytes.toString('latin1', 0, 5) === '%PDF-') {
    // The marker sits in the last kilobyte (trailing whitespace or a byte of padding may follow it).
    const tail = bytes.toString('latin1', Math.max(0, bytes.length - 1024));
    return tail.includes('%%EOF') ? { mime: 'application/pdf', bytes } : null;
  }
  return cleanPhoto(bytes);
}
