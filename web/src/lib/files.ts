import { errorOf, send, withQuery } from './api.ts';

type Query = Parameters<typeof withQuery>[1];

/** The name in a Content-Disposition header (`filename="…"` or RFC 5987 `filename*=UTF-8''…`). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start reading before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Downloads a file from the API with the session cookie. A refusal (too many rows, no access) throws the
 * API's message instead of saving an error page as the file.
 */
export async function downloadFile(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await send(withQuery(path, query), { credentials: 'same-origin' });
  if (!res.ok) throw await errorOf(res);
  saveBlob(await res.blob(), fileNameOf(res, fallbackName));
}

/** A file's content as base64 without the data-URL prefix. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
