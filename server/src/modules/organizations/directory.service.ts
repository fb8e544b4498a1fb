import type { z } from 'zod';
import type { DirectoryQuery } from '@yiqi/shared/contracts/organizations';
import type { OrgType } from '@yiqi/shared/contracts/organizations';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './directory.repository.ts';

/** 找组织: approved organizations anyone may browse and apply to (applying needs a volunteer account). */
export async function searchDirectory(ctx: Ctx, query: z.infer<typeof DirectoryQuery>) {
  let prefix: string | undefined;
  if (query.region) {
    const region = await findRegion(ctx.db, query.region);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    prefix = regionPrefix(region.code, region.level as RegionLevel);
  }
  const { rows, total } = await repo.listDirectory(
    ctx.db,
    { regionPrefix: prefix, q: query.q, category: query.category, orgType: query.orgType },
    ctx.clock(),
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map((o) => ({
      id: o.id,
      name: o.name,
      regionCode: o.region_code,
      regionName: o.region_name,
      orgType: o.org_type as OrgType,
      categories: o.categories,
      parentName: o.parent_name,
      activeMembers: Number(o.active_members),
      openActivities: Number(o.open_activities),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
