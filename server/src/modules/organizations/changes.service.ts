import { isValidUscc } from '@yiqi/shared/identity/uscc';
import {
  ORG_CHANGE_FIELDS,
  REGISTERED_ORG_TYPES,
  type OrgChangeBody,
  type OrgChangeView,
  type OrgType,
} from '@yiqi/shared/contracts/organizations';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as orgRepo from './organizations.repository.ts';
import * as repo from './changes.repository.ts';
import { regionScopes } from './organizations.service.ts';

/**
 * Change registration (变更登记). A unit's registered facts (name, person in charge, address, host unit,
 * USCC) were reviewed when it registered, so a correction is reviewed the same way: the unit's admin asks,
 * a region admin above it (never one who asked or administers the unit) approves or rejects with a reason,
 * and an approved change is applied in the same transaction, its row keeping the values it replaced.
 * Contacts are not registered facts (PUT …/contacts, audited, no review).
 */

type Org = NonNullable<Awaited<ReturnType<typeof orgRepo.findOrganizationDetail>>>;
type Field = (typeof ORG_CHANGE_FIELDS)[number];

function currentFacts(o: Org, fields: readonly Field[]): repo.Facts {
  const all: Record<Field, string | null> = {
    name: o.name,
    personInCharge: o.person_in_charge,
    address: o.address,
    hostUnit: o.host_unit,
    hostUnitUscc: o.host_unit_uscc,
    uscc: o.uscc,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f]]));
}

/** The fields that differ from what the unit has, checked by the same rules as a registration. */
function askedChanges(o: Org, b: OrgChangeBody): repo.Facts {
  const out: repo.Facts = {};
  const current = currentFacts(o, ORG_CHANGE_FIELDS);
  for (const f of ORG_CHANGE_FIELDS) {
    const raw = b[f];
    if (raw === undefined) continue;
    // An emptied code clears it (the rules below say whether the type may be without one).
    const v = raw.trim() === '' ? null : raw.trim();
    if (v !== current[f]) out[f] = v;
  }
  const type = o.org_type as OrgType;
  if (type === 'unregistered_team') {
    if (out.uscc) throw new DomainError('USCC_NOT_ALLOWED');
    if ('hostUnit' in out && !out.hostUnit) throw new DomainError('HOST_UNIT_REQUIRED');
  } else if ('hostUnit' in out || 'hostUnitUscc' in out) throw new DomainError('HOST_UNIT_NOT_ALLOWED');
  if ('uscc' in out && !out.uscc && REGISTERED_ORG_TYPES.includes(type))
    throw new DomainError('USCC_REQUIRED');
  for (const code of [out.uscc, out.hostUnitUscc])
    if (code && !isValidUscc(code)) throw new DomainError('USCC_INVALID');
  for (const f of ['name', 'personInCharge', 'address'] as const)
    if (f in out && !out[f]) throw new DomainError('ORG_CHANGE_EMPTY');
  return out;
}

async function usccFree(ctx: Ctx, orgId: string, uscc: string | null | undefined) {
  if (!uscc) return;
  const holder = await orgRepo.findUsccHolder(ctx.db, uscc);
  if (holder && holder.id !== orgId) throw new DomainError('USCC_TAKEN');
}

function toView(r: repo.ChangeRow): OrgChangeView {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    regionCode: r.region_code,
    status: r.status,
    changes: r.changes,
    previous: r.previous,
    note: r.note,
    requestedAt: new Date(r.requested_at).toISOString(),
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    reviewReason: r.review_reason,
  };
}

/** The unit's admin (or a region admin above it) asks to correct registered facts; one open at a time. */
export async function requestChange(ctx: Ctx, orgId: string, b: OrgChangeBody) {
  const actor = actorOf(ctx);
  const o = await orgRepo.findOrganizationDetail(ctx.db, orgId);
  if (!o) throw new DomainError('NOT_FOUND');
  if (o.status !== 'approved') throw new DomainError('ORG_CHANGE_NOT_OPEN');
  const changes = askedChanges(o, b);
  const fields = Object.keys(changes) as Field[];
  if (fields.length === 0) throw new DomainError('ORG_CHANGE_EMPTY');
  await usccFree(ctx, orgId, changes.uscc);
  if (await repo.hasPendingChange(ctx.db, orgId)) throw new DomainError('ORG_CHANGE_PENDING');
  try {
    const id = await withTransaction(ctx, async (tx) => {
      const row = await repo.insertChange(tx.db, {
        orgId,
        changes,
        previous: currentFacts(o, fields),
        note: b.note?.trim() || null,
        by: actor.userId,
        at: ctx.clock(),
      });
      await recordAudit(tx, {
        action: 'organization.change_request',
        result: 'ok',
        objectType: 'organization',
        objectId: orgId,
        regionCode: o.region_code,
        details: { changeId: row.id, fields },
      });
      return row.id;
    });
    return toView((await repo.findChange(ctx.db, id))!);
  } catch (e) {
    // Two requests at the same moment: the partial unique index keeps one open.
    if (isUniqueViolation(e)) throw new DomainError('ORG_CHANGE_PENDING');
    throw e;
  }
}

/**
 * Approves or rejects a pending change (the route has checked the reviewer's region covers the unit).
 * Nobody reviews a change they asked for or one of a unit they administer. An approval re-checks the
 * facts against the unit as it is now, applies them and keeps the values they replaced on the change.
 */
export async function reviewChange(
  ctx: Ctx,
  orgId: string,
  changeId: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  const actor = actorOf(ctx);
  const c = await repo.findChange(ctx.db, changeId);
  if (!c || c.org_id !== orgId) throw new DomainError('NOT_FOUND');
  if (c.status !== 'pending') throw new DomainError('ORG_CHANGE_NOT_PENDING');
  const own = actor.grants.some((g) => g.role === 'org_admin' && g.orgId === orgId);
  if (c.requested_by === actor.userId || own) {
    await recordAudit(ctx, {
      action: 'organization.change_review',
      result: 'denied',
      objectType: 'organization',
      objectId: orgId,
      regionCode: c.region_code,
      details: { changeId, reason: 'self_review' },
    });
    throw new DomainError('ORG_CHANGE_SELF_REVIEW');
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) throw new DomainError('REVIEW_REASON_REQUIRED');
  const fields = Object.keys(c.changes) as Field[];
  const by = { reason, by: actor.userId, at: ctx.clock() };
  try {
    await withTransaction(ctx, async (tx) => {
      if (input.decision === 'approve') {
        const [locked] = await orgRepo.lockForUpdate(tx.db, [orgId]);
        if (locked?.status !== 'approved') throw new DomainError('ORG_CHANGE_NOT_OPEN');
        const o = (await orgRepo.findOrganizationDetail(tx.db, orgId))!;
        await usccFree(tx, orgId, c.changes.uscc);
        const previous = currentFacts(o, fields);
        if (!(await repo.markChangeReviewed(tx.db, changeId, { status: 'approved', previous, ...by })))
          throw new DomainError('ORG_CHANGE_NOT_PENDING');
        if (!(await repo.applyFacts(tx.db, orgId, c.changes))) throw new DomainError('ORG_CHANGE_NOT_OPEN');
      } else if (!(await repo.markChangeReviewed(tx.db, changeId, { status: 'rejected', ...by })))
        throw new DomainError('ORG_CHANGE_NOT_PENDING');
      await recordAudit(tx, {
        action: 'organization.change_review',
        result: 'ok',
        objectType: 'organization',
        objectId: orgId,
        regionCode: c.region_code,
        details: { changeId, decision: input.decision, fields, ...(reason ? { reason } : {}) },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('USCC_TAKEN');
    throw e;
  }
  return toView((await repo.findChange(ctx.db, changeId))!);
}

/** A unit's change registrations with their status, newest first (its admins and the regions above). */
export async function listChanges(ctx: Ctx, orgId: string, page: number, pageSize: number) {
  const { rows, total } = await repo.listChangesOf(ctx.db, orgId, page, pageSize);
  return { items: rows.map(toView), total, page, pageSize };
}

/** Pending change registrations in the caller's region scopes, oldest first, with before and after. */
export async function changeQueue(ctx: Ctx, region: string | undefined, page: number, pageSize: number) {
  const s = await regionScopes(ctx, region);
  const { rows, total } = await repo.listPendingChanges(ctx.db, s.prefixes, s.regionPrefix, page, pageSize);
  return { items: rows.map(toView), total, page, pageSize };
}
