// Only the table of INTERNAL: the whole ERRORS table would land in every page's first download.
import { COMMON_ERRORS } from '@yiqi/shared/errors/common';
import { pickLocale, type Locale } from '@yiqi/shared/i18n';
import { recordReplicaLag } from './replica-lag.ts';

/** A failed API call: the server's error code and its message, already in the caller's language. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

const NETWORK_MESSAGE: Record<Locale, string> = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  'zh-HK': '無法連接伺服器，請檢查網絡後重試',
  en: 'Cannot reach the server; check your connection and try again',
};

/** The interface language as the server will see it (cookie first), for messages made on this side. */
export function currentLocale(): Locale {
  const m = /(?:^|;\s*)yiqi_locale=([^;]+)/.exec(document.cookie);
  return pickLocale(m?.[1] ? decodeURIComponent(m[1]) : navigator.language);
}

type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A file sent as it is (an Excel upload), instead of a JSON body. */
  raw?: { data: Blob; type: string };
  signal?: AbortSignal;
  /** Sent as the Idempotency-Key header (requests that move time-bank points need one). */
  idempotencyKey?: string;
}

export function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Calls the API with the session cookie. Mutations carry a JSON body or none at all (the server refuses
 * other content types). Resolves to the parsed JSON, or throws an ApiError.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: opts.method ?? 'GET',
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal: opts.signal ?? null,
  };
  if (opts.body !== undefined) {
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    init.body = JSON.stringify(opts.body);
  } else if (opts.raw) {
    init.headers = { accept: 'application/json', 'content-type': opts.raw.type };
    init.body = opts.raw.data;
  }
  if (opts.idempotencyKey)
    init.headers = { ...(init.headers as Record<string, string>), 'idempotency-key': opts.idempotencyKey };
  const res = await send(withQuery(path, opts.query), init);
  const data = parseJson(await res.text());
  if (!res.ok) throw toApiError(res.status, data);
  // Lists read from the server's replica say how far behind they are (ReplicaLagNotice shows it).
  recordReplicaLag(path, res.headers);
  return data as T;
}

/** fetch, with a failed connection turned into an ApiError in the user's language. */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE[currentLocale()]);
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The error of a failed response: the server's code and localized message when it sent them. */
export function toApiError(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  if (err?.code && err.message) return new ApiError(status, err.code, err.message, err.details);
  return new ApiError(status, 'INTERNAL', COMMON_ERRORS.INTERNAL.text[currentLocale()]);
}

/** Reads a failed response's body as an ApiError (for calls that expect a file, not JSON). */
export async function errorOf(res: Response): Promise<ApiError> {
  return toApiError(res.status, parseJson(await res.text().catch(() => '')));
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

/** One page of a list endpoint. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
