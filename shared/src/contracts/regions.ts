import { z } from 'zod';
import { pageOf, RegionCode, text } from './common.ts';

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int().min(1).max(5),
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
});
export type RegionView = z.infer<typeof RegionView>;

export const RegionDetail = RegionView.extend({
  ancestors: z.array(RegionView.pick({ code: true, name: true, level: true })),
});

export const RegionListQuery = z.strictObject({
  parent: RegionCode.optional(),
  /** Needed only where a city and its district-level entry share a code (东莞市, 中山市). */
  parentLevel: z.coerce.number().int().min(1).max(4).optional(),
  q: text(1, 40).optional(),
  level: z.coerce.number().int().min(1).max(5).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const RegionPage = pageOf(
  RegionView.extend({ path: z.string() /** "广东省 / 深圳市 / 南山区" for search results */ }),
);
export const RegionParams = z.strictObject({ code: RegionCode });
export const RegionDetailQuery = z.strictObject({ level: z.coerce.number().int().min(1).max(5).optional() });
