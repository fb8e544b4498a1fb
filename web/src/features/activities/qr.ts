/**
 * Reading the check-in QR code: the token out of what was scanned or typed, and a decoder for camera frames
 * (the browser's BarcodeDetector where it has one, jsQR otherwise).
 */

const TOKEN = /^yiqi\d*\.[A-Za-z0-9._~-]+$/;

/**
 * The token in a scanned or pasted text: a link with ?t=, the token itself, or the six-digit short code typed
 * by hand. Null when it is none of these.
 */
export function parseToken(raw: string): string | null {
  const s = raw.trim();
  if (!s) return null;
  // The six-digit short code on the organizer's screen, however spaced.
  const digits = s.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  const t = /[?&]t=([^&#\s]+)/.exec(s)?.[1];
  if (t) {
    try {
      const token = decodeURIComponent(t);
      return TOKEN.test(token) && token.length <= 200 ? token : null;
    } catch {
      return null;
    }
  }
  return TOKEN.test(s) && s.length <= 200 ? s : null;
}

/** Finds a QR code in the current frame of a playing video; null when there is none (yet). */
export type FrameDecoder = (video: HTMLVideoElement) => Promise<string | null>;

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface DetectorClass {
  new (opts: { formats: string[] }): Detector;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeDecoder(): Promise<FrameDecoder | null> {
  const Ctor = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Ctor) return null;
  try {
    if (!(await Ctor.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

const MAX_SIDE = 640;

async function jsqrDecoder(): Promise<FrameDecoder> {
  const mod = await import('jsqr');
  type Fn = typeof mod.default;
  const jsQR: Fn =
    typeof mod.default === 'function' ? mod.default : (mod.default as unknown as { default: Fn }).default;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (!ctx || !w || !h) return null;
    const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

export async function createDecoder(): Promise<FrameDecoder> {
  return (await nativeDecoder()) ?? jsqrDecoder();
}

/** Why the camera cannot be used: no API (old browser, or not HTTPS), refused, or none / busy. */
export type CameraProblem = 'unsupported' | 'denied' | 'unavailable';

export function cameraProblem(e: unknown): CameraProblem {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'unavailable';
}
