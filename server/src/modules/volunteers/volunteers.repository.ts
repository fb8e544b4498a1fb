import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';
import type { VolunteersTable } from '../../db/schema.volunteers.ts';
import { likeEscape } from '../../db/like.ts';

/** How many of the given codes exist as regions. */
export async function countRegions(db: Database, codes: string[]): Promise<number> {
  if (codes.length === 0) return 0;
  const r = await db
    .selectFrom('regions')
    .select(sql<number>`count(DISTINCT code)`.as('n'))
    .where('code', 'in', codes)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function findOrganizationStatus(db: Database, id: string) {
  return db.selectFrom('organizations').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function volunteerNumberTaken(db: Database, no: string): Promise<boolean> {
  const r = await db.selectFrom('volunteers').select('id').where('volunteer_no', '=', no).executeTakeFirst();
  return r !== undefined;
}

export async function docIndexTaken(db: Database, docBidx: Buffer, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('volunteers').select('id').where('doc_bidx', '=', docBidx);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export function insertVolunteer(db: Database, v: Insertable<VolunteersTable>) {
  return db.insertInto('volunteers').values(v).returning(['id']).executeTakeFirstOrThrow();
}

/** Which of these volunteer numbers are already given out. */
export async function takenVolunteerNumbers(db: Database, nos: string[]): Promise<Set<string>> {
  if (nos.length === 0) return new Set();
  const rows = await db
    .selectFrom('volunteers')
    .select('volunteer_no')
    .where('volunteer_no', 'in', nos)
    .execute();
  return new Set(rows.map((r) => r.volunteer_no));
}

/**
 * Inserts many volunteers in one statement; a person already registered (same document index) is left
 * out rather than failing the statement. Returns the ids of the rows inserted.
 */
export async function insertVolunteersSkippingRegistered(
  db: Database,
  rows: Insertable<VolunteersTable>[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('volunteers')
    .values(rows)
    .onConflict((oc) => oc.column('doc_bidx').doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}

export async function updateVolunteer(db: Database, id: string, set: Updateable<VolunteersTable>) {
  await db.updateTable('volunteers').set(set).where('id', '=', id).execute();
}

function selectVolunteers(db: Database) {
  return (
    db
      .selectFrom('volunteers as v')
      .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 'v.region_code').on(isTopRegionRow('r')))
      .selectAll('v')
      // A date as text: the drivers would turn it into a Date at local midnight, which shifts with TZ.
      .select(['r.name as region_name', sql<string | null>`v.birth_date::text`.as('birth_iso')])
  );
}
export type VolunteerRecord = NonNullable<Awaited<ReturnType<typeof findVolunteerById>>>;

export function findVolunteerById(db: Database, id: string) {
  return selectVolunteers(db).where('v.id', '=', id).executeTakeFirst();
}

export function findVolunteerByUser(db: Database, userId: string) {
  return selectVolunteers(db).where('v.user_id', '=', userId).executeTakeFirst();
}

export interface VolunteerFilter {
  /** Region prefixes the caller may see (at least one). */
  prefixes: string[];
  /** Name prefix, or any of the exact matches below (OR-ed: a search box does not say what it holds). */
  namePrefix?: string | undefined;
  volunteerNo?: string | undefined;
  phoneBidx?: Buffer | undefined;
  docBidxes?: Buffer[] | undefined;
  verification?: string | undefined;
  category?: string | undefined;
  /** The review queue: oldest submission first. */
  queueOrder?: boolean;
}

function filtered(db: Database, f: VolunteerFilter) {
  let q = selectVolunteers(db)
    .where('v.status', '=', 'active')
    .where((eb) => eb.or(f.prefixes.map((p) => eb('v.region_code', 'like', `${p}%`))));
  if (f.verification) q = q.where('v.verification_status', '=', f.verification as 'pending');
  if (f.category) q = q.where(sql<boolean>`${f.category} = ANY(v.categories)`);
  const search = [f.namePrefix, f.volunteerNo, f.phoneBidx, f.docBidxes?.length].some(Boolean);
  if (search)
    q = q.where((eb) => {
      const or = [];
      if (f.namePrefix) or.push(eb('v.name', 'like', `${likeEscape(f.namePrefix)}%`));
      if (f.volunteerNo) or.push(eb('v.volunteer_no', '=', f.volunteerNo));
      if (f.phoneBidx) or.push(eb('v.phone_bidx', '=', f.phoneBidx));
      if (f.docBidxes?.length) or.push(eb('v.doc_bidx', 'in', f.docBidxes));
      return eb.or(or);
    });
  return q;
}

export async function listVolunteers(db: Database, f: VolunteerFilter, page: number, pageSize: number) {
  const q = filtered(db, f);
  const ordered = f.queueOrder
    ? q.orderBy('v.updated_at').orderBy('v.id')
    : q.orderBy('v.created_at', 'desc').orderBy('v.id');
  const [rows, count] = await Promise.all([
    ordered
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** At most `limit` rows of a filter, for exports; the caller checks the total first. */
export function listAllVolunteers(db: Database, f: VolunteerFilter, limit: number) {
  return filtered(db, f).orderBy('v.created_at', 'desc').orderBy('v.id').limit(limit).execute();
}

export async function countVolunteers(db: Database, f: VolunteerFilter): Promise<number> {
  const r = await filtered(db, f)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertDocument(
  db: Database,
  d: { volunteerId: string; mimeType: string; contentEnc: string },
) {
  return db
    .insertInto('verification_documents')
    .values({ volunteer_id: d.volunteerId, mime_type: d.mimeType, content_enc: d.contentEnc })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Document metadata (never the content) of some volunteers, oldest first. */
export function listDocumentMeta(db: Database, volunteerIds: string[]) {
  if (volunteerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('verification_documents')
    .select(['id', 'volunteer_id', 'mime_type', 'uploaded_at'])
    .where('volunteer_id', 'in', volunteerIds)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export function findDocument(db: Database, volunteerId: string, docId: string) {
  return db
    .selectFrom('verification_documents')
    .selectAll()
    .where('id', '=', docId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
}

export async function deleteDocuments(db: Database, volunteerId: string): Promise<number> {
  const r = await db
    .deleteFrom('verification_documents')
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Moves a pending verification to its decision; false when it was no longer pending (a concurrent
 * reviewer decided first).
 */
export async function decideVerification(
  db: Database,
  id: string,
  d: { status: 'verified' | 'rejected'; by: string; at: Date; note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('volunteers')
    .set({
      verification_status: d.status,
      verification_method: 'manual',
      verified_by: d.by,
      verified_at: d.at,
      verification_note: d.note,
      updated_at: d.at,
    })
    .where('id', '=', id)
    .where('verification_status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
