import type { Ctx } from '../../core/ctx.ts';
import type { AuditEvent } from '../audit/audit.service.ts';
import type { AuditRow } from './signups.repository.ts';

/**
 * The audit row recordAudit (audit.service.ts) would append for `e`, for the hot writes that append it in
 * their own statement (a sign-up, a check-in: signups.repository.ts auditInsertFrom) instead of in a
 * second round trip: the same columns, filled the same way. The object id and what the statement itself
 * decides (a sign-up's status) are added in SQL.
 */
export function auditRow(ctx: Ctx, e: Omit<AuditEvent, 'objectId' | 'actorOverride'>): AuditRow {
  return {
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    action: e.action,
    objectType: e.objectType ?? null,
    result: e.result,
    requestId: ctx.requestId,
    sourceIp: ctx.ip,
    regionCode: e.regionCode !== undefined ? e.regionCode : (ctx.actor?.grants[0]?.regionCode ?? null),
    details: e.details ?? {},
  };
}
