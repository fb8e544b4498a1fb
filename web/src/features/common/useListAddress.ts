import { useSearchParams } from 'react-router';

/**
 * A console list's filter, page and page size kept in the address (so a reload or a shared link shows the
 * same rows): `page` and `size` are left out at their defaults, `keys` are the filter's fields written.
 * `go` moves to a filter (page 1 unless given) and page size.
 */
export function useListAddress<K extends string>(keys: readonly K[], defaultSize: number) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || defaultSize;
  const go = (filter: Partial<Record<K, string | undefined>>, p = 1, s = pageSize) => {
    const next = new URLSearchParams();
    for (const k of keys) {
      const v = filter[k];
      if (v) next.set(k, v);
    }
    if (p > 1) next.set('page', String(p));
    if (s !== defaultSize) next.set('size', String(s));
    setParams(next);
  };
  return { params, page, pageSize, go };
}
