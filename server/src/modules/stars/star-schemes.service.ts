import type { z } from 'zod';
import type { StarSchemeBody } from '@yiqi/shared/contracts/stars';
import { DEFAULT_STAR_SCHEME, validThresholds, type StarScheme } from '@yiqi/shared/stars/levels';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './stars.repository.ts';

/** Star schemes: a region's thresholds, tenure, notice and ban rules (its own, inherited, or the default). */

/** The scheme that applies to a volunteer of `regionCode`, and the region it comes from (null: default). */
export async function schemeFor(
  db: Database,
  regionCode: string,
): Promise<StarScheme & { fromRegion: string | null }> {
  const row = await repo.schemeCovering(db, regionCode);
  if (!row) return { ...DEFAULT_STAR_SCHEME, fromRegion: null };
  return {
    thresholds: row.thresholds.map(Number),
    tenureMonths: row.tenure_months.map(Number),
    platformOnly: row.platform_only,
    banMonths: row.ban_months,
    noticeWorkingDays: row.notice_working_days,
    conditions: row.conditions,
    fromRegion: row.region_code,
  };
}

/** The scheme in force for a region (its own, one above it, or the default). */
export async function scheme(ctx: Ctx, regionCode: string) {
  const s = await schemeFor(ctx.db, regionCode);
  return {
    thresholds: s.thresholds,
    tenureMonths: s.tenureMonths,
    platformOnly: s.platformOnly,
    banMonths: s.banMonths,
    noticeWorkingDays: s.noticeWorkingDays,
    conditions: s.conditions,
    fromRegion: s.fromRegion,
  };
}

export async function setScheme(ctx: Ctx, regionCode: string, b: z.infer<typeof StarSchemeBody>) {
  if (!validThresholds(b.thresholds)) throw new DomainError('STAR_SCHEME_INVALID');
  const r = await repo.region(ctx.db, regionCode);
  if (!r) throw new DomainError('REGION_NOT_FOUND');
  return withTransaction(ctx, async (tx) => {
    await repo.upsertScheme(tx.db, {
      region_code: regionCode,
      region_level: r.level,
      thresholds: b.thresholds,
      tenure_months: b.tenureMonths,
      platform_only: b.platformOnly,
      ban_months: b.banMonths,
      notice_working_days: b.noticeWorkingDays,
      conditions: b.conditions,
      updated_by: actorOf(ctx).userId,
    });
    await recordAudit(tx, {
      action: 'stars.scheme',
      result: 'ok',
      objectType: 'region',
      objectId: regionCode,
      regionCode,
      details: b,
    });
    return scheme(tx, regionCode);
  });
}
