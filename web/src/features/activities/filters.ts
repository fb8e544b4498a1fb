import { useSearchParams } from 'react-router';
import type { SearchQuery } from './api.ts';

/** The browse page's filters, kept in the address so a search can be shared and survives going back. */
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

export function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const lat = num(params.get('lat'));
  const lng = num(params.get('lng'));
  const near = lat !== undefined && lng !== undefined;
  const f: Filters = {
    q: params.get('q')?.trim() ?? '',
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
    const p = new URLSearchParams();
    const put = (k: string, v: string | number | undefined | false) =>
      v !== undefined && v !== '' && v !== false && p.set(k, String(v));
    put('q', next.q);
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
