import { api, type Page } from '../../lib/api.ts';

export const GUANGDONG = '440000000000';

export interface RegionItem {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  childCount: number;
  /** "广东省 / 深圳市 / 南山区" */
  path: string;
}

export interface RegionDetail {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  childCount: number;
  ancestors: { code: string; name: string; level: number }[];
}

export interface RegionQuery {
  parent?: string | undefined;
  /** Where a city and its district-level entry share a code (东莞市, 中山市), which of the two. */
  parentLevel?: number | undefined;
  q?: string | undefined;
  page?: number;
  pageSize?: number;
}

export const listRegions = (query: RegionQuery, signal?: AbortSignal) =>
  api<Page<RegionItem>>('/api/regions', { query: { ...query }, signal });

export const getRegion = (code: string, signal?: AbortSignal, level?: number) =>
  api<RegionDetail>(`/api/regions/${encodeURIComponent(code)}`, { query: level ? { level } : {}, signal });
