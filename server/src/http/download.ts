import type { FastifyReply } from 'fastify';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';

/** Media types of the files Yiqi hands out. */
export const MEDIA = {
  xlsx: XLSX_MIME,
  pdf: 'application/pdf',
  ics: 'text/calendar; charset=utf-8',
} as const;

/**
 * The headers of a file download: its type, a file name (ASCII, quoted; names are ours, never the
 * user's), and no-store, since downloads carry personal data that no shared cache may keep.
 */
export function downloadHeaders(type: string, filename: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
  };
}

/** Sends a file as a download (Fastify sends a Buffer as it is; a route's schema only documents it). */
export function sendDownload(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  return reply.headers(downloadHeaders(type, filename)).send(body as never);
}
