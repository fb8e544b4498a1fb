import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { SearchQuery } from './api.ts';

/**
 * The browse page's filters. Category, area, dates, places and distance are kept in the address, so a
 * search can be shared and survives going back. The typed words are not: people type names and phone
 * numbers into a search box, and an address ends up in history, bookmarks, referrers and server logs. They
 * are kept in the tab's session storage instead (they survive going back within the tab, not more).
 */
export interface Filters {
  q: string;
  category: string | undefined;
  region: string | undefined;
  from: string | undefined;
  to: string | undefined;
  open: boolean;
  lat: number | undefined;
  lng: number | undefined;
  /** Radius in km around (lat, lng); none: every distance, nearest first. */
  r: number | undefined;
  page: number;
}

const num = (s: string | null): number | undefined => {
  const n = s === null || s === '' ? NaN : Number(s);
  return Number.isFinite(n) ? n : undefined;
};
const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);

const WORDS_KEY = 'yiqi.activities.q';

function storedWords(): string {
  try {
    return sessionStorage.getItem(WORDS_KEY) ?? '';
  } catch {
    return '';
  }
}

function storeWords(q: string): void {
  try {
    if (q) sessionStorage.setItem(WORDS_KEY, q);
    else sessionStorage.removeItem(WORDS_KEY);
  } catch {
    // Storage refused (private mode): the words then last as long as the page.
  }
}

export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  // An old shared link may still carry ?q=: its words are taken over and removed from the address.
  const [words, setWords] = useState(() => params.get('q')?.trim() || storedWords());
  useEffect(() => {
    if (!params.has('q')) return;
    storeWords(words);
    const p = new URLSearchParams(params);
    p.delete('q');
    setParams(p, { replace: true });
  }, [params, setParams, words]);
  const lat = num(params.get('lat'));
  const lng = num(params.get('lng'));
  const near = lat !== undefined && lng !== undefined;
  const f: Filters = {
    q: words,
    category: params.get('category') || undefined,
    region: /^\d{12}$/.test(params.get('region') ?? '') ? params.get('region')! : undefined,
    from: date(params.get('from')),
    to: date(params.get('to')),
    open: params.get('open') === '1',
    lat: near ? lat : undefined,
    lng: near ? lng : undefined,
    r: near ? num(params.get('r')) : undefined,
    page: Math.max(1, num(params.get('page')) ?? 1),
  };
  const set = (patch: Partial<Filters>) => {
    const next = { ...f, page: 1, ...patch };
    if (next.q !== f.q) {
      storeWords(next.q);
      setWords(next.q);
    }
    const p = new URLSearchParams();
    const put = (k: string, v: string | number | undefined | false) =>
      v !== undefined && v !== '' && v !== false && p.set(k, String(v));
    put('category', next.category);
    put('region', next.region);
    put('from', next.from);
    put('to', next.to);
    put('open', next.open && '1');
    put('lat', next.lat);
    put('lng', next.lng);
    put('r', next.lat !== undefined ? next.r : undefined);
    put('page', next.page > 1 && next.page);
    setParams(p, { replace: patch.page === undefined });
  };
  return [f, set];
}

/** How many filters (besides the words) are in use, for the folded panel's label. */
export const activeCount = (f: Filters): number =>
  [f.category, f.region, f.from ?? f.to, f.open || undefined, f.lat].filter((x) => x !== undefined).length;

export function toQuery(f: Filters, pageSize: number): SearchQuery {
  return {
    q: f.q || undefined,
    category: f.category,
    regionCode: f.region,
    from: f.from,
    to: f.to,
    openOnly: f.open ? 'true' : undefined,
    lat: f.lat,
    lng: f.lng,
    radiusKm: f.lat !== undefined ? f.r : undefined,
    page: f.page,
    pageSize,
  };
}
