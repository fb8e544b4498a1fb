import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';

/** Change registrations (变更登记): see changes.service.ts. Column names of the facts a change may touch. */
export const FACT_COLUMNS = {
  name: 'name',
  personInCharge: 'person_in_charge',
  address: 'address',
  hostUnit: 'host_unit',
  hostUnitUscc: 'host_unit_uscc',
  uscc: 'uscc',
} as const;
export type Facts = Partial<Record<keyof typeof FACT_COLUMNS, string | null>>;

const COLUMNS = [
  'c.id',
  'c.org_id',
  'o.name as org_name',
  'o.region_code',
  'c.status',
  'c.changes',
  'c.previous',
  'c.note',
  'c.requested_by',
  'c.requested_at',
  'c.reviewed_at',
  'c.review_reason',
] as const;

function base(db: Database) {
  return db.selectFrom('organization_changes as c').innerJoin('organizations as o', 'o.id', 'c.org_id');
}

export function findChange(db: Database, id: string) {
  return base(db).select(COLUMNS).where('c.id', '=', id).executeTakeFirst();
}
export type ChangeRow = NonNullable<Awaited<ReturnType<typeof findChange>>>;

export function hasPendingChange(db: Database, orgId: string) {
  return db
    .selectFrom('organization_changes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export function insertChange(
  db: Database,
  c: { orgId: string; changes: Facts; previous: Facts; note: string | null; by: string; at: Date },
) {
  return db
    .insertInto('organization_changes')
    .values({
      org_id: c.orgId,
      changes: JSON.stringify(c.changes),
      previous: JSON.stringify(c.previous),
      note: c.note,
      requested_by: c.by,
      requested_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Decides a pending change; false when someone else decided it first. */
export async function markChangeReviewed(
  db: Database,
  id: string,
  r: { status: 'approved' | 'rejected'; reason: string | null; by: string; at: Date; previous?: Facts },
) {
  const res = await db
    .updateTable('organization_changes')
    .set({
      status: r.status,
      review_reason: r.reason,
      reviewed_by: r.by,
      reviewed_at: r.at,
      ...(r.previous ? { previous: JSON.stringify(r.previous) } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Writes the approved facts onto the organization (only while it is approved, i.e. not dissolved). */
export async function applyFacts(db: Database, orgId: string, facts: Facts) {
  const set: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(facts)) set[FACT_COLUMNS[k as keyof Facts]] = v;
  const res = await db
    .updateTable('organizations')
    .set(set)
    .where('id', '=', orgId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** An organization's change registrations, newest first: its history of registered facts. */
export function listChangesOf(db: Database, orgId: string, page: number, pageSize: number) {
  return fetchPage(
    base(db).where('c.org_id', '=', orgId),
    (p) => p.select(COLUMNS).orderBy('c.requested_at', 'desc').orderBy('c.id'),
    page,
    pageSize,
  );
}

/** Pending changes of organizations within the region prefixes, oldest first (the order to handle them). */
export function listPendingChanges(
  db: Database,
  prefixes: string[],
  regionPrefix: string | undefined,
  page: number,
  pageSize: number,
) {
  if (prefixes.length === 0) return Promise.resolve({ rows: [], total: 0 });
  let q = base(db)
    .where('c.status', '=', 'pending')
    .where((eb) => eb.or(prefixes.map((p) => eb('o.region_code', 'like', `${p}%`))));
  if (regionPrefix) q = q.where('o.region_code', 'like', `${regionPrefix}%`);
  return fetchPage(q, (p) => p.select(COLUMNS).orderBy('c.requested_at').orderBy('c.id'), page, pageSize);
}
