import { useQuery } from '@tanstack/react-query';
import { getRegion, GUANGDONG } from './api.ts';

/** "深圳市 / 南山区 / 粤海街道" for a code: its ancestors below the province, then itself. */
export function useRegionPath(code: string | undefined): { path: string | undefined; loading: boolean } {
  const q = useQuery({
    queryKey: ['region', code],
    queryFn: ({ signal }) => getRegion(code!, signal),
    enabled: Boolean(code && /^\d{12}$/.test(code)),
    staleTime: 60 * 60_000,
  });
  if (!q.data) return { path: undefined, loading: q.isLoading };
  const names = [...q.data.ancestors.filter((a) => a.code !== GUANGDONG).map((a) => a.name), q.data.name];
  return { path: names.join(' / '), loading: false };
}

/** A region's path as text (the code while it loads). */
export function RegionName({ code }: { code: string }) {
  const { path } = useRegionPath(code);
  return <>{path ?? code}</>;
}
