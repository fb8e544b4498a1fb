import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { normalizeUscc } from '@yiqi/shared/identity/normalize';
import { isValidUscc } from '@yiqi/shared/identity/uscc';
import { maskPhone } from '@yiqi/shared/identity/mask';
import {
  REGISTERED_ORG_TYPES,
  type OrganizationRow,
  type OrganizationView,
  type OrgStatus,
  type OrgType,
  type RegisterOrganizationBody,
  type UnitContactsBody,
} from '@yiqi/shared/contracts/organizations';
import { actorOf, readerOf, type Actor, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { decrypt, encrypt } from '../../lib/crypto.ts';
import { grantOrgAdminOnApproval } from '../roles/roles.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './organizations.repository.ts';
import { organizationsWorkbook } from './organizations.export.ts';
import { assertActiveOrg } from './org-status.ts';
import { withTransaction } from '../../core/tx.ts';
import { isUniqueViolation } from '../../core/pg-errors.ts';

/** More rows than this is a province-wide dump, not a working list: the caller narrows the filter. */
export const EXPORT_LIMIT = 10_000;

type Input = Omit<RegisterOrganizationBody, 'levelBody'> & { levelBody: boolean };

/**
 * The USCC rules by type: registered bodies (civil affairs) always have one, unregistered community teams
 * never do and hang under a host unit instead; "other" (e.g. a practice centre) may have one. Whatever is
 * given must pass the GB 32100 check. Returns the normalised code or null.
 */
function checkedUscc(input: Input): string | null {
  const uscc = (input.uscc && normalizeUscc(input.uscc)) || null;
  if (input.orgType === 'unregistered_team') {
    if (uscc) throw new DomainError('USCC_NOT_ALLOWED');
    if (!input.hostUnit) throw new DomainError('HOST_UNIT_REQUIRED');
    return null;
  }
  if (input.hostUnitUscc) throw new DomainError('USCC_NOT_ALLOWED');
  if (!uscc) {
    if (REGISTERED_ORG_TYPES.includes(input.orgType)) throw new DomainError('USCC_REQUIRED');
    return null;
  }
  if (!isValidUscc(uscc)) throw new DomainError('USCC_INVALID');
  return uscc;
}

/**
 * A sub-team hangs under an approved organization its registrant administers, inside that organization's
 * region: so whoever's scope covers the parent covers the whole tree below it. Acting as an org admin
 * needs the second factor, as on every staff route.
 */
async function checkParent(ctx: Ctx, actor: Actor, parentId: string, regionCode: string) {
  if (!actor.grants.some((g) => g.role === 'org_admin' && g.orgId === parentId))
    throw new DomainError('PARENT_NOT_ADMINISTERED');
  if (!actor.mfa) throw new DomainError('MFA_REQUIRED');
  const parent = await repo.findOrganizationDetail(ctx.db, parentId);
  if (!parent) throw new DomainError('NOT_FOUND');
  assertActiveOrg(parent.status);
  if (!isInSubtree(regionCode, parent.region_code, parent.region_level as RegionLevel))
    throw new DomainError('PARENT_REGION_MISMATCH');
}

/** Any signed-in user registers an organization; it waits for the region admin's review. */
export async function registerOrganization(ctx: Ctx, input: Input) {
  const actor = actorOf(ctx);
  const uscc = checkedUscc(input);
  // The host unit's code (an unregistered team's only, checked above): the same GB 32100 check.
  const hostUnitUscc = input.hostUnitUscc?.trim().toUpperCase() || null;
  if (hostUnitUscc && !isValidUscc(hostUnitUscc)) throw new DomainError('USCC_INVALID');
  const region = await findRegion(ctx.db, input.regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  if (input.parentId) await checkParent(ctx, actor, input.parentId, input.regionCode);
  if (uscc && (await repo.findUsccHolder(ctx.db, uscc))) throw new DomainError('USCC_TAKEN');
  try {
    return await withTransaction(ctx, async (tx) => {
      const row = await repo.insertOrganization(tx.db, {
        name: input.name,
        orgType: input.orgType,
        uscc,
        hostUnit: input.hostUnit ?? null,
        hostUnitUscc,
        regionCode: input.regionCode,
        address: input.address,
        contactName: input.contactName,
        contactPhoneEnc: encrypt(ctx.config.appKey, input.contactPhone),
        personInCharge: input.personInCharge,
        categories: [...new Set(input.categories)],
        levelBody: input.levelBody,
        parentId: input.parentId ?? null,
        createdBy: actor.userId,
      });
      await recordAudit(tx, {
        action: 'organization.register',
        result: 'ok',
        objectType: 'organization',
        objectId: row.id,
        regionCode: input.regionCode,
        details: { orgType: input.orgType, parentId: input.parentId ?? null },
      });
      return { id: row.id, status: 'pending' as const };
    });
  } catch (e) {
    // Two registrations of one USCC at the same moment: the partial unique index decides.
    if (isUniqueViolation(e)) throw new DomainError('USCC_TAKEN');
    throw e;
  }
}

/**
 * Approves or rejects a pending registration. The route has checked that the reviewer's region covers the
 * organization's; nobody reviews their own registration. Approval makes the registrant its org admin.
 */
export async function reviewOrganization(
  ctx: Ctx,
  id: string,
  input: { decision: 'approve' | 'reject'; reason?: string | undefined },
) {
  const actor = actorOf(ctx);
  const org = await repo.findOrganizationDetail(ctx.db, id);
  if (!org) throw new DomainError('NOT_FOUND');
  if (org.status !== 'pending') throw new DomainError('ORG_NOT_PENDING');
  if (org.created_by === actor.userId) {
    await recordAudit(ctx, {
      action: 'organization.review',
      result: 'denied',
      objectType: 'organization',
      objectId: id,
      regionCode: org.region_code,
      details: { reason: 'self_review' },
    });
    throw new DomainError('SELF_REVIEW');
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'reject' && !reason) throw new DomainError('REVIEW_REASON_REQUIRED');
  const status: 'approved' | 'rejected' = input.decision === 'approve' ? 'approved' : 'rejected';
  await withTransaction(ctx, async (tx) => {
    const tctx = tx;
    if (!(await repo.markReviewed(tx.db, id, { status, reason, by: actor.userId, at: ctx.clock() })))
      throw new DomainError('ORG_NOT_PENDING');
    await recordAudit(tctx, {
      action: 'organization.review',
      result: 'ok',
      objectType: 'organization',
      objectId: id,
      regionCode: org.region_code,
      details: { decision: input.decision, ...(reason ? { reason } : {}) },
    });
    if (status === 'approved' && org.created_by)
      await grantOrgAdminOnApproval(tctx, { userId: org.created_by, orgId: id, regionCode: org.region_code });
  });
  return { id, status };
}

function toView(ctx: Ctx, o: NonNullable<Awaited<ReturnType<typeof repo.findOrganizationDetail>>>) {
  return {
    id: o.id,
    name: o.name,
    regionCode: o.region_code,
    regionName: o.region_name,
    orgType: o.org_type as OrgType,
    uscc: o.uscc,
    hostUnit: o.host_unit,
    hostUnitUscc: o.host_unit_uscc,
    address: o.address,
    contactName: o.contact_name,
    contactPhone: o.contact_phone_enc ? maskPhone(decrypt(ctx.config.appKey, o.contact_phone_enc)) : null,
    personInCharge: o.person_in_charge,
    handlerName: o.handler_name,
    categories: o.categories,
    levelBody: o.level_body,
    status: o.status,
    reviewReason: o.review_reason,
    reviewedAt: o.reviewed_at ? new Date(o.reviewed_at).toISOString() : null,
    parentId: o.parent_id,
    parentName: o.parent_name,
    createdAt: new Date(o.created_at).toISOString(),
    dissolvedAt: o.dissolved_at ? new Date(o.dissolved_at).toISOString() : null,
    dissolveReason: o.dissolve_reason,
    successorId: o.successor_id,
    successorName: o.successor_name,
  } satisfies OrganizationView;
}

/** One organization; the route has checked the caller administers it or a region above it. */
export async function getOrganization(ctx: Ctx, id: string) {
  const o = await repo.findOrganizationDetail(ctx.db, id);
  if (!o) throw new DomainError('NOT_FOUND');
  return toView(ctx, o);
}

/**
 * Sets the unit's handler and contact (the route has checked the caller administers it or a region above
 * it). A dissolved unit's details are final. The person in charge is a registered fact: filled in here only
 * where none is on record; a different one is a change registration (changes.service.ts), reviewed. The
 * audit row names the fields that changed, never the phone number itself (personal data).
 */
export async function updateContacts(ctx: Ctx, id: string, b: UnitContactsBody) {
  const o = await repo.findOrganizationDetail(ctx.db, id);
  if (!o) throw new DomainError('NOT_FOUND');
  if (o.status === 'dissolved') throw new DomainError('ORG_DISSOLVED');
  const personInCharge = b.personInCharge ?? o.person_in_charge;
  if (o.person_in_charge && personInCharge !== o.person_in_charge)
    throw new DomainError('PERSON_IN_CHARGE_BY_CHANGE');
  const before = {
    personInCharge: o.person_in_charge,
    handlerName: o.handler_name,
    contactName: o.contact_name,
    contactPhone: o.contact_phone_enc ? decrypt(ctx.config.appKey, o.contact_phone_enc) : null,
  };
  const after = {
    personInCharge,
    handlerName: b.handlerName,
    contactName: b.contactName,
    contactPhone: b.contactPhone ?? before.contactPhone,
  };
  const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== after[k]);
  await withTransaction(ctx, async (tx) => {
    const ok = await repo.updateContacts(tx.db, id, {
      personInCharge,
      handlerName: b.handlerName,
      contactName: b.contactName,
      ...(b.contactPhone ? { contactPhoneEnc: encrypt(ctx.config.appKey, b.contactPhone) } : {}),
    });
    if (!ok) throw new DomainError('ORG_DISSOLVED');
    await recordAudit(tx, {
      action: 'organization.contacts',
      result: 'ok',
      objectType: 'organization',
      objectId: id,
      regionCode: o.region_code,
      details: { changed },
    });
  });
  return getOrganization(ctx, id);
}

/**
 * The public face of an approved organization, for join links; pending, rejected and dissolved ones answer
 * 404 like unknown ids, so nothing about them leaks and nobody is led to join a team that is gone.
 */
export async function getOrganizationSummary(ctx: Ctx, id: string) {
  const o = await repo.findOrganizationDetail(ctx.db, id);
  if (!o || o.status !== 'approved') throw new DomainError('NOT_FOUND');
  return {
    id: o.id,
    name: o.name,
    regionName: o.region_name,
    orgType: o.org_type as OrgType,
    parentName: o.parent_name,
  };
}

/** The ids of organizations and of every team under them (decisions about a team go up to its parents). */
export async function withTeams(ctx: Pick<Ctx, 'db'>, orgIds: readonly string[]): Promise<string[]> {
  if (!orgIds.length) return [];
  return [...new Set((await repo.findSubtree(ctx.db, orgIds)).map((o) => o.id))];
}

/** The organization and its sub-teams, depth first so each node follows its parent. */
export async function organizationTree(ctx: Ctx, id: string) {
  const rows = await repo.findSubtree(ctx.db, [id]);
  if (rows.length === 0) throw new DomainError('NOT_FOUND');
  const children = new Map<string | null, typeof rows>();
  for (const r of rows) {
    const key = r.depth === 0 ? null : r.parent_id;
    children.set(key, [...(children.get(key) ?? []), r]);
  }
  const items: typeof rows = [];
  const visit = (parent: string | null) => {
    for (const r of children.get(parent) ?? []) {
      items.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return {
    items: items.map((r) => ({
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      orgType: r.org_type as OrgType,
      levelBody: r.level_body,
      status: r.status,
      parentId: r.parent_id,
      depth: Number(r.depth),
    })),
  };
}

export interface ListFilter {
  region?: string | undefined;
  q?: string | undefined;
  status?: OrgStatus | undefined;
  category?: string | undefined;
  orgType?: OrgType | undefined;
}

/**
 * The caller's region scopes as code prefixes, narrowed to one region when asked (the route has checked
 * that region lies within a scope). Lists never reach beyond these.
 */
export async function regionScopes(ctx: Ctx, region: string | undefined) {
  const prefixes = actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin')
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  let narrowed: string | undefined;
  if (region) {
    const found = await findRegion(ctx.db, region);
    if (!found) throw new DomainError('REGION_NOT_FOUND');
    narrowed = regionPrefix(found.code, found.level as RegionLevel);
  }
  return { prefixes, regionPrefix: narrowed };
}

async function scopeFilter(ctx: Ctx, f: ListFilter): Promise<repo.OrganizationFilter> {
  return {
    ...(await regionScopes(ctx, f.region)),
    q: f.q,
    status: f.status,
    category: f.category,
    orgType: f.orgType,
  };
}

type ListRow = Awaited<ReturnType<typeof repo.listForExport>>[number];

function toRow(r: ListRow): OrganizationRow {
  return {
    id: r.id,
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name,
    orgType: r.org_type as OrgType,
    uscc: r.uscc,
    hostUnit: r.host_unit,
    personInCharge: r.person_in_charge,
    categories: r.categories,
    levelBody: r.level_body,
    status: r.status,
    parentId: r.parent_id,
    activeMembers: Number(r.active_members ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
    successorId: r.successor_id,
    successorName: r.successor_name,
  };
}

/** The scoped list; its page may come from the streaming replica (docs/decisions/0022). */
export async function listOrganizations(ctx: Ctx, f: ListFilter, page: number, pageSize: number) {
  const filter = await scopeFilter(ctx, f);
  const { rows, total } = await repo.listOrganizations(readerOf(ctx), filter, page, pageSize);
  return { items: rows.map(toRow), total, page, pageSize };
}

/** The caller's own registrations, so a registrant sees the outcome and the reason for a rejection. */
export async function myRegistrations(ctx: Ctx, page: number, pageSize: number) {
  const { rows, total } = await repo.listRegisteredBy(ctx.db, actorOf(ctx).userId, page, pageSize);
  return {
    items: rows.map((r) => ({
      ...toRow(r),
      reviewReason: r.review_reason,
      reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
    })),
    total,
    page,
    pageSize,
  };
}

/** Pending registrations in the caller's scopes, oldest first: the order they should be handled in. */
export async function reviewQueue(ctx: Ctx, region: string | undefined, page: number, pageSize: number) {
  const filter = { ...(await scopeFilter(ctx, { region })), status: 'pending' };
  const { rows, total } = await repo.listOrganizations(ctx.db, filter, page, pageSize, true);
  return { items: rows.map(toRow), total, page, pageSize };
}

/** The filtered list as an Excel workbook; exports of organization data are audited. */
export async function exportOrganizations(ctx: Ctx, f: ListFilter): Promise<Buffer> {
  const rows = await repo.listForExport(ctx.db, await scopeFilter(ctx, f), EXPORT_LIMIT);
  if (rows.length > EXPORT_LIMIT) throw new DomainError('EXPORT_TOO_LARGE');
  const book = await organizationsWorkbook(
    rows.map((r) => ({
      ...toRow(r),
      address: r.address,
      contactName: r.contact_name,
      contactPhone: r.contact_phone_enc ? maskPhone(decrypt(ctx.config.appKey, r.contact_phone_enc)) : null,
    })),
    ctx.locale,
  );
  await recordAudit(ctx, {
    action: 'organization.export',
    result: 'ok',
    objectType: 'organization',
    ...(f.region ? { regionCode: f.region } : {}),
    details: { count: rows.length, filter: { ...f } },
  });
  return book;
}
