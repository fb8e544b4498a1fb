import { ancestorCodes, type RegionLevel } from '@yiqi/shared/regions';
import type { Database } from '../../db/database.ts';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import * as repo from './regions.repository.ts';

/** The one lookup other modules use to check a region code: code, name and level, or nothing. */
export function findRegion(db: Database, code: string) {
  return repo.findRegionByCode(db, code);
}

/** One region with its ancestors (root first). */
export async function getRegion(ctx: Ctx, code: string, level?: number) {
  const row = await repo.findRegionRow(ctx.db, code, level);
  if (!row) throw new DomainError('REGION_NOT_FOUND');
  const ancestors = await repo.findAncestors(ctx.db, row.code, row.level);
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    childCount: row.child_count,
    ancestors,
  };
}

/** Children of a region, or a name/code search, paginated; each result carries its full path. */
export async function listRegions(ctx: Ctx, s: repo.RegionSearch, page: number, pageSize: number) {
  const { rows, total } = await repo.searchRegions(ctx.db, s, page, pageSize);
  const names = await repo.findNamesByCodes(ctx.db, [
    ...new Set(rows.flatMap((r) => ancestorCodes(r.code, r.level as RegionLevel))),
  ]);
  return {
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      childCount: r.child_count,
      path: [...ancestorCodes(r.code, r.level as RegionLevel).map((c) => names.get(c) ?? c), r.name].join(
        ' / ',
      ),
    })),
    total,
    page,
    pageSize,
  };
}
