import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { AUDIT_RETENTION_FLOOR_DAYS } from '../../lib/config.ts';
import {
  insertAuditRow,
  listAuditRows,
  purgeAuditBefore,
  sequenceAudit,
  verifyAuditChain,
} from './audit.repository.ts';

export interface AuditEvent {
  action: string;
  result: 'ok' | 'denied' | 'failed';
  objectType?: string;
  objectId?: string;
  /** Region the event concerns, which decides which auditors see it; defaults to the actor's first scope. */
  regionCode?: string | null;
  /** Never personal data: ids and reasons only. */
  details?: Record<string, unknown>;
  /** For events before a session exists (login): who it was about. */
  actorOverride?: { id: string | null; name: string | null };
}

/** Appends one audit row in the caller's transaction (ctx.db), so the row commits with the write. */
export async function recordAudit(ctx: Ctx, e: AuditEvent): Promise<void> {
  const actorId = e.actorOverride ? e.actorOverride.id : (ctx.actor?.userId ?? null);
  const actorName = e.actorOverride ? e.actorOverride.name : (ctx.actor?.username ?? null);
  const region = e.regionCode !== undefined ? e.regionCode : (ctx.actor?.grants[0]?.regionCode ?? null);
  await insertAuditRow(ctx.db, {
    actor_id: actorId,
    actor_name: actorName,
    action: e.action,
    object_type: e.objectType ?? null,
    object_id: e.objectId ?? null,
    result: e.result,
    request_id: ctx.requestId,
    source_ip: ctx.ip,
    region_code: region,
    details: JSON.stringify(e.details ?? {}),
  });
}

/** Audit rows the caller's audit_admin grants cover; a province-level auditor sees every row. */
export async function listAudit(
  ctx: Ctx,
  filter: Omit<Parameters<typeof listAuditRows>[1], 'prefixes'>,
  page: number,
  pageSize: number,
) {
  const grants = (ctx.actor?.grants ?? []).filter((g) => g.role === 'audit_admin');
  const prefixes = grants.some((g) => g.regionLevel === 1)
    ? null
    : grants.map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  const { rows, total } = await listAuditRows(ctx.db, { ...filter, prefixes }, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      occurredAt: new Date(r.occurred_at).toISOString(),
      actor: r.actor_name,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      result: r.result,
      requestId: r.request_id,
      sourceIp: r.source_ip,
      regionCode: r.region_code,
      details: r.details,
    })),
    total,
    page,
    pageSize,
  };
}

/** Chains what has committed, then checks the chain (verifyAuditChain). */
export async function verifyAudit(ctx: Ctx) {
  const r = await verifyAuditChain(ctx.db);
  return { ok: r.firstBrokenSeq === null && r.firstBrokenId === null, ...r };
}

/**
 * The sequencer's run (job audit.sequence): links every row whose transaction has ended into the chain.
 * Appending never waits for it; until it runs, new rows are "pending" (counted by verify).
 */
export async function sequenceAuditChain(ctx: Ctx): Promise<number> {
  return sequenceAudit(ctx.db);
}

/** Drops rows past the retention period, never younger than the 180-day floor. */
export async function purgeAudit(ctx: Ctx): Promise<number> {
  const days = Math.max(ctx.config.auditRetentionDays, AUDIT_RETENTION_FLOOR_DAYS);
  return purgeAuditBefore(ctx.db, new Date(ctx.clock().getTime() - days * 86_400_000));
}
