import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { DB } from '../../db/schema.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';
import { normalizeUscc } from '@yiqi/shared/identity/normalize';
import { likeEscape } from '../../db/like.ts';

/** One organization with its region and parent names, every column the detail view shows. */
export function findOrganizationDetail(db: Database, id: string) {
  return db
    .selectFrom('organizations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on(isTopRegionRow('r')))
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .leftJoin('organizations as s', 's.id', 'o.successor_id')
    .selectAll('o')
    .select([
      'r.name as region_name',
      'r.level as region_level',
      'p.name as parent_name',
      's.name as successor_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/**
 * The organization holding a USCC: pending, approved or dissolved (rejected registrations free theirs; a
 * dissolved body keeps its code, which still names it on its records and certificates).
 */
export function findUsccHolder(db: Database, uscc: string) {
  return db
    .selectFrom('organizations')
    .select('id')
    .where('uscc', '=', uscc)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
}

export interface NewOrganization {
  name: string;
  orgType: string;
  uscc: string | null;
  hostUnit: string | null;
  hostUnitUscc?: string | null;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhoneEnc: string;
  personInCharge: string;
  categories: string[];
  levelBody: boolean;
  parentId: string | null;
  createdBy: string;
}

export async function insertOrganization(db: Database, o: NewOrganization) {
  return db
    .insertInto('organizations')
    .values({
      name: o.name,
      org_type: o.orgType,
      uscc: o.uscc,
      host_unit: o.hostUnit,
      host_unit_uscc: o.hostUnitUscc ?? null,
      region_code: o.regionCode,
      address: o.address,
      contact_name: o.contactName,
      contact_phone_enc: o.contactPhoneEnc,
      person_in_charge: o.personInCharge,
      categories: o.categories,
      level_body: o.levelBody,
      parent_id: o.parentId,
      status: 'pending',
      created_by: o.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Decides a pending registration; false when someone else decided it first. */
export async function markReviewed(
  db: Database,
  id: string,
  r: { status: 'approved' | 'rejected'; reason: string | null; by: string; at: Date },
) {
  const res = await db
    .updateTable('organizations')
    .set({ status: r.status, review_reason: r.reason, reviewed_by: r.by, reviewed_at: r.at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * The registrant's org_admin grant, written here rather than through roles.service because it must
 * commit in the approval's own transaction (roles.service opens its own); the grant is audited alongside.
 */
export interface OrganizationFilter {
  /** Region prefixes the caller may see (one per grant); the result is their union. */
  prefixes: string[];
  /** Further restriction to one region subtree inside those scopes. */
  regionPrefix?: string | undefined;
  q?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  orgType?: string | undefined;
}

function filtered(db: Database, f: OrganizationFilter) {
  let q = db
    .selectFrom('organizations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on(isTopRegionRow('r')))
    .leftJoin('organizations as s', 's.id', 'o.successor_id')
    .where((eb) => eb.or(f.prefixes.map((p) => eb('o.region_code', 'like', `${p}%`))));
  if (f.regionPrefix) q = q.where('o.region_code', 'like', `${f.regionPrefix}%`);
  if (f.status) q = q.where('o.status', '=', f.status as 'pending');
  if (f.orgType) q = q.where('o.org_type', '=', f.orgType);
  if (f.category) q = q.where((eb) => eb(eb.val(f.category!), '=', eb.fn.any('o.categories')));
  if (f.q) {
    const escaped = likeEscape(f.q);
    const term = f.q;
    q = q.where((eb) =>
      eb.or([eb('o.name', 'ilike', `%${escaped}%`), eb('o.uscc', '=', normalizeUscc(term))]),
    );
  }
  return q;
}

const activeMembers = (eb: ExpressionBuilder<DB & { o: DB['organizations'] }, 'o'>) =>
  eb
    .selectFrom('memberships as m')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('m.org_id', '=', 'o.id')
    .where('m.status', '=', 'active')
    .as('active_members');

const ROW_COLUMNS = [
  'o.id',
  'o.name',
  'o.region_code',
  'r.name as region_name',
  'o.org_type',
  'o.uscc',
  'o.host_unit',
  'o.address',
  'o.contact_name',
  'o.contact_phone_enc',
  'o.person_in_charge',
  'o.categories',
  'o.level_body',
  'o.status',
  'o.parent_id',
  'o.created_at',
  'o.successor_id',
  's.name as successor_name',
] as const;

/** A page of organizations; `oldestFirst` for the review queue, newest first otherwise. */
export async function listOrganizations(
  db: Database,
  f: OrganizationFilter,
  page: number,
  pageSize: number,
  oldestFirst = false,
) {
  if (f.prefixes.length === 0) return { rows: [], total: 0 };
  const base = filtered(db, f);
  return fetchPage(
    base,
    (p) =>
      p
        .select(ROW_COLUMNS)
        .select(activeMembers)
        .orderBy('o.created_at', oldestFirst ? 'asc' : 'desc')
        .orderBy('o.id'),
    page,
    pageSize,
  );
}

/** The registrations an account submitted, newest first, with their review outcome. */
export async function listRegisteredBy(db: Database, userId: string, page: number, pageSize: number) {
  const base = db
    .selectFrom('organizations as o')
    .innerJoin('regions as r', (j) => j.onRef('r.code', '=', 'o.region_code').on(isTopRegionRow('r')))
    .leftJoin('organizations as s', 's.id', 'o.successor_id')
    .where('o.created_by', '=', userId);
  return fetchPage(
    base,
    (p) =>
      p
        .select(ROW_COLUMNS)
        .select(activeMembers)
        .select(['o.review_reason', 'o.reviewed_at'])
        .orderBy('o.created_at', 'desc')
        .orderBy('o.id'),
    page,
    pageSize,
  );
}

/** Every matching organization for an export, up to `limit` + 1 rows so the caller can tell it is over. */
export function listForExport(db: Database, f: OrganizationFilter, limit: number) {
  if (f.prefixes.length === 0) return Promise.resolve([]);
  return filtered(db, f)
    .select(ROW_COLUMNS)
    .select(activeMembers)
    .orderBy('o.region_code')
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit + 1)
    .execute();
}

/**
 * Organizations and every sub-team below them (depth 0: the roots given). Parents are fixed at registration
 * and must exist then, so the tree has no cycles; the depth bound only guards against a row edited by hand.
 */
export function findSubtree(db: Database, rootIds: readonly string[]) {
  return db
    .withRecursive('tree(id, parent_id, depth)', (qb) =>
      qb
        .selectFrom('organizations')
        .select(['id', 'parent_id', sql<number>`0`.as('depth')])
        .where('id', 'in', rootIds)
        .unionAll(
          qb
            .selectFrom('organizations as c')
            .innerJoin('tree as t', 't.id', 'c.parent_id')
            .select(['c.id', 'c.parent_id', sql<number>`t.depth + 1`.as('depth')])
            .where('t.depth', '<', 20),
        ),
    )
    .selectFrom('tree as t')
    .innerJoin('organizations as o', 'o.id', 't.id')
    .select([
      'o.id',
      'o.name',
      'o.region_code',
      'o.org_type',
      'o.level_body',
      'o.status',
      'o.parent_id',
      't.depth',
    ])
    .orderBy('t.depth')
    .orderBy('o.name')
    .execute();
}

// ── Dissolution and succession ───────────────────────────────────────────────────────────────────────

/** What the issuer walk needs of one organization (see succession.ts). */
export function findSuccessionNode(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'status', 'region_code', 'person_in_charge', 'successor_id', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Holds an organization as it is (FOR SHARE) until the transaction ends; its status now. */
export async function lockForShare(db: Database, id: string) {
  const row = await db
    .selectFrom('organizations')
    .select('status')
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  return row?.status;
}

/** Takes the rows of the organizations for update, in id order (so two dissolutions never deadlock). */
export function lockForUpdate(db: Database, ids: string[]) {
  return db
    .selectFrom('organizations')
    .select(['id', 'status'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Dissolves an approved organization; false when it was no longer approved. */
export async function markDissolved(
  db: Database,
  id: string,
  d: { reason: string; successorId: string | null; by: string; at: Date },
) {
  const res = await db
    .updateTable('organizations')
    .set({
      status: 'dissolved',
      dissolve_reason: d.reason,
      successor_id: d.successorId,
      dissolved_by: d.by,
      dissolved_at: d.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The unit's person in charge, handler and contact (the phone only when a new one is given). */
export async function updateContacts(
  db: Database,
  id: string,
  c: { personInCharge: string | null; handlerName: string; contactName: string; contactPhoneEnc?: string },
): Promise<boolean> {
  const r = await db
    .updateTable('organizations')
    .set({
      person_in_charge: c.personInCharge,
      handler_name: c.handlerName,
      contact_name: c.contactName,
      ...(c.contactPhoneEnc ? { contact_phone_enc: c.contactPhoneEnc } : {}),
    })
    .where('id', '=', id)
    .where('status', '<>', 'dissolved')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
