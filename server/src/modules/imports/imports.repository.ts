import { sql } from 'kysely';
import type { ImportKind, ImportRowErrorT } from '@yiqi/shared/contracts/imports';
import type { Database } from '../../db/database.ts';

const RUNNING = ['validating', 'committing'] as const;

/** bytea as hex: pg gives a Buffer, PGlite a plain Uint8Array (whose toString is not hex). */
export const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

export function findOrganization(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'status', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertJob(
  db: Database,
  j: {
    kind: ImportKind;
    orgId: string;
    sha256: string;
    createdBy: string;
    locale: string;
    at: Date;
    reason: string | null;
  },
) {
  return db
    .insertInto('import_jobs')
    .values({
      kind: j.kind,
      org_id: j.orgId,
      file_sha256: j.sha256,
      status: 'validating',
      created_by: j.createdBy,
      locale: j.locale,
      created_at: j.at,
      reason: j.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function selectJobs(db: Database) {
  return db
    .selectFrom('import_jobs as j')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .select([
      'j.id',
      'j.kind',
      'j.org_id',
      'j.status',
      'j.total_rows',
      'j.processed',
      'j.created',
      'j.skipped',
      'j.error_count',
      'j.header_row',
      'j.created_at',
      'j.finished_at',
      'j.reason',
      'j.created_by',
      'j.locale',
      'u.username as created_by_name',
    ]);
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof findJob>>>;

export function findJob(db: Database, id: string) {
  return selectJobs(db).where('j.id', '=', id).executeTakeFirst();
}

export async function findJobErrors(db: Database, id: string): Promise<ImportRowErrorT[]> {
  const r = await db.selectFrom('import_jobs').select('errors').where('id', '=', id).executeTakeFirst();
  return (r?.errors ?? []) as ImportRowErrorT[];
}

/** The first errors only, sliced in SQL: a job may keep thousands. */
export async function findJobErrorsHead(db: Database, id: string, n: number): Promise<ImportRowErrorT[]> {
  const r = await sql<{ head: ImportRowErrorT[] | null }>`
    SELECT (SELECT jsonb_agg(e ORDER BY i) FROM jsonb_array_elements(errors) WITH ORDINALITY AS x(e, i) WHERE i <= ${n}) AS head
    FROM import_jobs WHERE id = ${id}`.execute(db);
  return r.rows[0]?.head ?? [];
}

export async function listJobs(db: Database, orgId: string, page: number, pageSize: number) {
  const [rows, count] = await Promise.all([
    selectJobs(db)
      .where('j.org_id', '=', orgId)
      .orderBy('j.created_at', 'desc')
      .orderBy('j.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('import_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Progress while validating; false when the job is no longer validating (failed by a restart elsewhere). */
export async function setProgress(
  db: Database,
  id: string,
  processed: number,
  headerRow: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('import_jobs')
    .set({ processed, header_row: headerRow })
    .where('id', '=', id)
    .where('status', '=', 'validating')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Validation found problems: the job ends without writing anything. */
export async function finishInvalid(
  db: Database,
  id: string,
  f: {
    totalRows: number;
    processed: number;
    headerRow: number | null;
    errors: ImportRowErrorT[];
    errorCount: number;
    at: Date;
  },
) {
  await db
    .updateTable('import_jobs')
    .set({
      status: 'invalid',
      header_row: f.headerRow,
      total_rows: f.totalRows,
      processed: f.processed,
      errors: JSON.stringify(f.errors),
      error_count: f.errorCount,
      finished_at: f.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'validating')
    .execute();
}

export async function startCommit(
  db: Database,
  id: string,
  totalRows: number,
  headerRow: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('import_jobs')
    .set({ status: 'committing', total_rows: totalRows, processed: totalRows, header_row: headerRow })
    .where('id', '=', id)
    .where('status', '=', 'validating')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** In the commit's transaction: false when the job was failed meanwhile, and the commit must roll back. */
export async function finishDone(
  db: Database,
  id: string,
  f: { created: number; skipped: number; at: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('import_jobs')
    .set({ status: 'done', created: f.created, skipped: f.skipped, finished_at: f.at })
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function finishFailed(db: Database, id: string, errors: ImportRowErrorT[], at: Date) {
  await db
    .updateTable('import_jobs')
    .set({ status: 'failed', errors: JSON.stringify(errors), error_count: errors.length, finished_at: at })
    .where('id', '=', id)
    .where('status', 'in', RUNNING)
    .execute();
}

/** Jobs left validating or committing (by a process that stopped), locked until the caller's commit. */
export function findRunning(db: Database) {
  return db
    .selectFrom('import_jobs')
    .select(['id', 'org_id', 'kind', 'locale'])
    .where('status', 'in', RUNNING)
    .forUpdate()
    .execute();
}

/** Every region code, for checking a whole file's codes without a query per row. */
export async function allRegionCodes(db: Database): Promise<Set<string>> {
  const rows = await db.selectFrom('regions').select('code').distinct().execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * The registered volunteers among these document indexes, by index (hex): their id, and whether their
 * record is active (a closed one is neither registered again nor made a member).
 */
export async function registeredByDocIndex(
  db: Database,
  bidxes: Buffer[],
): Promise<Map<string, { id: string; active: boolean }>> {
  if (bidxes.length === 0) return new Map();
  const rows = await db
    .selectFrom('volunteers')
    .select(['id', 'doc_bidx', 'status'])
    .where('doc_bidx', 'in', bidxes)
    .execute();
  return new Map(rows.map((r) => [hex(r.doc_bidx!), { id: r.id, active: r.status === 'active' }]));
}

/** Active volunteers by number or by document index (hex), with their names, in one query. */
export async function activeVolunteers(db: Database, nos: string[], bidxes: Buffer[]) {
  if (nos.length === 0 && bidxes.length === 0) return [];
  const rows = await db
    .selectFrom('volunteers')
    .select(['id', 'name', 'volunteer_no', 'doc_bidx'])
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        ...(nos.length ? [eb('volunteer_no', 'in', nos)] : []),
        ...(bidxes.length ? [eb('doc_bidx', 'in', bidxes)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    volunteerNo: r.volunteer_no,
    doc: r.doc_bidx ? hex(r.doc_bidx) : null,
  }));
}

/** Which of these volunteers already have an open (applied, invited, active) membership of the team. */
export async function openMemberships(db: Database, orgId: string, volunteerIds: string[]) {
  if (volunteerIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('memberships')
    .select('volunteer_id')
    .where('org_id', '=', orgId)
    .where('volunteer_id', 'in', volunteerIds)
    .where('status', 'in', ['applied', 'invited', 'active'])
    .execute();
  return new Set(rows.map((r) => r.volunteer_id));
}
