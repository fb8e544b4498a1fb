import type { Text } from './i18n.ts';

/** Province → city → district → street → community (GB/T 2260 and statistics codes). */
export const REGION_LEVELS = [1, 2, 3, 4, 5] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Significant digits of a code at each level; the rest of the 12 digits are zeros. */
export const LEVEL_PREFIX: Record<RegionLevel, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

export const LEVEL_NAMES: Record<RegionLevel, Text> = {
  1: { 'zh-CN': '省', 'zh-HK': '省', en: 'Province' },
  2: { 'zh-CN': '市', 'zh-HK': '市', en: 'City' },
  3: { 'zh-CN': '区县', 'zh-HK': '區縣', en: 'District' },
  4: { 'zh-CN': '街道乡镇', 'zh-HK': '街道鄉鎮', en: 'Street / town' },
  5: { 'zh-CN': '社区村', 'zh-HK': '社區村', en: 'Community / village' },
};

/** Pads a short statistics code ("4403") to the stored 12-digit form. */
export function toRegionCode(short: string): string {
  return short.padEnd(12, '0');
}

/** The prefix shared by every code in the subtree of a region. */
export function regionPrefix(code: string, level: RegionLevel): string {
  return code.slice(0, LEVEL_PREFIX[level]);
}

/** True when `code` lies in the subtree rooted at (`root`, `rootLevel`), the root included. */
export function isInSubtree(code: string, root: string, rootLevel: RegionLevel): boolean {
  return code.startsWith(regionPrefix(root, rootLevel));
}

/** Codes of a region's ancestors, root first (44 → 4403 → 440305 …, padded to 12 digits). */
export function ancestorCodes(code: string, level: RegionLevel): string[] {
  return [1, 2, 3, 4]
    .slice(0, level - 1)
    .map((l) => toRegionCode(code.slice(0, LEVEL_PREFIX[l as RegionLevel])));
}
