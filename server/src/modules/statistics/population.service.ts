import type { z } from 'zod';
import type { PopulationImport } from '@yiqi/shared/contracts/statistics';
import { isInSubtree, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './population.repository.ts';

/**
 * Resident population (常住人口) per region and year: the base of coverage. A level admin enters or
 * imports it for the regions of its scope (its own and those below), each change audited with the value it
 * replaced and its source.
 */

/** Whether the caller's region-admin grants reach (code, level): inside a grant, at its level or below. */
function inScope(ctx: Ctx, code: string, level: number) {
  return actorOf(ctx).grants.some(
    (g) =>
      g.role === 'region_admin' &&
      g.orgId === null &&
      g.regionLevel <= level &&
      isInSubtree(code, g.regionCode, g.regionLevel as RegionLevel),
  );
}

/** A region's figures and its children's, newest year first. */
export async function listPopulation(ctx: Ctx, q: { region: string; level: number }) {
  if (!inScope(ctx, q.region, q.level)) throw new DomainError('OUT_OF_SCOPE');
  const rows = await repo.listFor(readerOf(ctx), q.region, q.level);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      level: r.level,
      name: r.name,
      year: r.year,
      population: Number(r.population),
      source: r.source,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}

/** Saves a set of entries (the form or a pasted table): all or nothing, one audit row each. */
export async function importPopulation(ctx: Ctx, body: z.infer<typeof PopulationImport>) {
  for (const e of body.entries) if (!inScope(ctx, e.code, e.level)) throw new DomainError('OUT_OF_SCOPE');
  const found = await repo.existing(ctx.db, body.entries);
  const missing = body.entries.filter((e) => !found.has(`${e.code}|${e.level}`));
  if (missing.length > 0)
    throw new DomainError('POPULATION_REGION_LEVEL', { regions: missing.slice(0, 10).map((e) => e.code) });
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    for (const e of body.entries) {
      const { id, before } = await repo.upsert(tx.db, e, actor.userId, tx.clock());
      await recordAudit(tx, {
        action: 'statistics.population',
        result: 'ok',
        objectType: 'region_population',
        objectId: id,
        regionCode: e.code,
        details: {
          code: e.code,
          level: e.level,
          year: e.year,
          population: e.population,
          source: e.source,
          before,
        },
      });
    }
    return { saved: body.entries.length };
  });
}
