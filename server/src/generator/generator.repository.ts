import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CompiledQuery, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Community, Rows, TableName } from './model.ts';
import { TABLES } from './model.ts';

/** The generator's SQL: what it reads before generating, and the two ways rows are written. */

/** Communities (level 5) under a region prefix, with their street and district, in code order. */
export async function communitiesUnder(db: Database, prefix: string): Promise<Community[]> {
  const rows = await sql<{
    code: string;
    name: string;
    street_code: string;
    street_name: string;
    district_code: string;
    district_name: string;
  }>`SELECT c.code, c.name, s.code AS street_code, s.name AS street_name, d.code AS district_code,
        d.name AS district_name
      FROM regions c
      JOIN regions s ON s.code = c.parent_code AND s.level = c.parent_level
      JOIN regions d ON d.code = s.parent_code AND d.level = s.parent_level
     WHERE c.level = 5 AND c.code LIKE ${`${prefix}%`}
     ORDER BY c.code`.execute(db);
  return rows.rows.map((r) => ({
    code: r.code,
    name: r.name,
    street: { code: r.street_code, name: r.street_name },
    district: { code: r.district_code, name: r.district_name },
  }));
}

export async function regionName(db: Database, code: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('regions')
    .select('name')
    .where('code', '=', code)
    .orderBy('level')
    .executeTakeFirst();
  return r?.name;
}

/** Volunteer numbers already used under the prefix (the generator skips them). */
export async function takenVolunteerNumbers(db: Database, prefix6: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('volunteers')
    .select('volunteer_no')
    .where('volunteer_no', 'like', `${prefix6.slice(0, 4)}%`)
    .execute();
  return new Set(rows.map((r) => r.volunteer_no));
}

/** Which of these document blind indexes are registered already (hex), e.g. by a run with another seed. */
export async function existingDocIndexes(db: Database, indexes: Buffer[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < indexes.length; i += 5000) {
    const rows = await db
      .selectFrom('volunteers')
      .select('doc_bidx')
      .where('doc_bidx', 'in', indexes.slice(i, i + 5000))
      .execute();
    for (const r of rows) found.add(Buffer.from(r.doc_bidx!).toString('hex'));
  }
  return found;
}

/** Which of these organization ids exist already (units a previous run with the same seed wrote). */
export async function existingOrganizations(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('organizations')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

/**
 * The account generated work is done by (activities' creator, records' decider, check-ins' staff): one
 * per run, without a password (it cannot sign in), made once and found again by its user name.
 */
export async function generatorAccount(db: Database, username: string, name: string): Promise<string> {
  const found = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto('users')
    .values({ username, display_name: name, password_hash: 'generated:no-password' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One table's rows in PostgreSQL's COPY text format. */
function copyText(rows: Record<string, unknown>[], columns: string[]): string {
  let out = '';
  for (const row of rows) {
    let line = copyValue(row[columns[0]!]);
    for (let i = 1; i < columns.length; i++) line += '\t' + copyValue(row[columns[i]!]);
    out += line + '\n';
  }
  return out;
}

function copyValue(v: unknown): string {
  if (typeof v === 'string') return escapeCopy(v);
  if (typeof v === 'number') return String(v);
  if (v === null || v === undefined) return '\\N';
  if (Buffer.isBuffer(v)) return '\\\\x' + v.toString('hex');
  if (Array.isArray(v))
    return escapeCopy(`{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  if (v instanceof Date) return v.toISOString();
  return escapeCopy(String(v));
}

const SPECIAL = /[\\\t\n\r]/;
const escapeCopy = (s: string) =>
  // Almost no value has one: test first, replace only then (this runs for every value of every row).
  SPECIAL.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
    : s;

async function copyInto(client: PoolClient, table: TableName, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  // In slices, so one flush never holds a second copy of every row as a single string.
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = copyText(rows.slice(i, i + 20_000), columns);
    if (!stream.write(chunk)) await new Promise((r) => stream.once('drain', r));
  }
  stream.end();
  await done;
}

/**
 * Bulk mode (decision 0073): whether this session may load with its triggers off
 * (`session_replication_role = replica`: a superuser, or a role granted SET on it). Others load with every
 * trigger on, as before.
 */
export async function mayLoadInBulk(db: Database): Promise<boolean> {
  try {
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the row triggers would have done, for a batch loaded with them off: places taken counted into the
 * shifts before they are written (signups_count_places); the record-events stamp is the column's default
 * (tx_id = pg_current_xact_id()); the statistics marks are not needed (the generator rebuilds the
 * statistics whole after a bulk load).
 */
export function countPlaces(rows: Rows): void {
  const taken = new Map<string, number>();
  for (const g of rows.signups)
    if (g.status === 'accepted' || g.status === 'pending')
      taken.set(g.shift_id as string, (taken.get(g.shift_id as string) ?? 0) + 1);
  for (const s of rows.shifts) s.taken = taken.get(s.id as string) ?? 0;
}

/**
 * The totals check of migration 0014 (volunteer_totals, volunteer_year_totals equal the confirmed
 * records), set-based over the batch's volunteers, in the load's transaction: a bulk load still cannot add
 * hours without records. Foreign keys are not re-checked: the model only names rows of the same batch or
 * rows that existed before it, and generator.bulk.test.ts checks every foreign key of a bulk load.
 */
async function checkTotals(
  q: (text: string, values: unknown[]) => Promise<{ rows: { n: string }[] }>,
  rows: Rows,
) {
  const ids = rows.volunteer_totals.map((t) => t.volunteer_id as string);
  if (!ids.length) return;
  // Driven from the batch's totals rows (primary key) with one aggregate per volunteer over their records
  // (service_records_volunteer_idx): the work grows with the batch, not with the table. Joined as sets, the
  // planner hashed every record of the table twice per batch — quadratic over a run (decision 0076: a third
  // of the load's time at 200 k volunteers). The aggregates keep the LATERALs from being flattened.
  const r = await q(
    `SELECT ((SELECT count(*) FROM volunteer_totals t
               CROSS JOIN LATERAL (
                 SELECT coalesce(sum(r.minutes), 0) AS m, count(*) AS n, count(DISTINCT r.activity_id) AS a
                   FROM service_records r WHERE r.volunteer_id = t.volunteer_id AND r.status = 'confirmed'
               ) w
              WHERE t.volunteer_id = ANY($1::uuid[])
                AND (t.minutes, t.records, t.activities) IS DISTINCT FROM (w.m, w.n, w.a))
           + (SELECT count(*) FROM volunteer_year_totals y
               CROSS JOIN LATERAL (
                 SELECT coalesce(sum(r.minutes), 0) AS m FROM service_records r
                  WHERE r.volunteer_id = y.volunteer_id AND r.status = 'confirmed'
                    AND r.service_date >= make_date(y.year, 1, 1) AND r.service_date < make_date(y.year + 1, 1, 1)
               ) rec
              WHERE y.volunteer_id = ANY($1::uuid[]) AND y.minutes <> rec.m))::text AS n`,
    [ids],
  );
  if (r.rows[0]!.n !== '0')
    throw new Error(`bulk load: ${r.rows[0]!.n} volunteer totals differ from the confirmed records`);
}

/**
 * PostgreSQL: every table of `rows` with COPY … FROM STDIN, in foreign-key order, in one transaction,
 * without waiting for its WAL to reach the disk at commit (a crash loses at most the last batches, which a
 * rerun with the same seed writes again). `bulk`: with the triggers off and their checks made set-based.
 */
export async function copyRows(
  client: PoolClient,
  rows: Rows,
  bulk = false,
  timings?: Record<string, number>,
): Promise<void> {
  // Milliseconds per table's COPY (and the totals check, the commit), added up over the run's batches.
  const timed = async (name: string, step: () => Promise<unknown>) => {
    const t0 = performance.now();
    await step();
    if (timings) timings[name] = (timings[name] ?? 0) + performance.now() - t0;
  };
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL synchronous_commit = off');
    // The totals check's estimated cost passes jit_above_cost: compiling it took longer than running it.
    await client.query('SET LOCAL jit = off');
    if (bulk) {
      await client.query('SET LOCAL session_replication_role = replica');
      countPlaces(rows);
    }
    for (const t of TABLES) await timed(t, () => copyInto(client, t, rows[t]));
    if (bulk)
      await timed('(totals check)', () => checkTotals((text, values) => client.query(text, values), rows));
    await timed('(commit)', () => client.query('COMMIT'));
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/**
 * PGlite (or any Kysely handle): batched multi-row INSERTs in foreign-key order, in one transaction;
 * organizations already there (a unit's street written by an earlier run) are left as they are.
 */
export async function insertRows(db: Database, rows: Rows, bulk = false): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (bulk) {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      countPlaces(rows);
    }
    for (const t of TABLES) {
      const list = rows[t];
      if (!list.length) continue;
      const per = Math.max(1, Math.floor(30_000 / Object.keys(list[0]!).length));
      for (let i = 0; i < list.length; i += per) {
        const values = list.slice(i, i + per) as never[];
        if (t === 'organizations')
          await tx
            .insertInto('organizations')
            .values(values)
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        else await tx.insertInto(t).values(values).execute();
      }
    }
    if (bulk)
      await checkTotals(
        async (text, values) =>
          (await tx.executeQuery(CompiledQuery.raw(text, values))) as { rows: { n: string }[] },
        rows,
      );
  });
}

/** Database size in bytes (the bench prints it). */
export async function databaseSize(db: Database): Promise<number> {
  const r = await sql<{ size: string }>`SELECT pg_database_size(current_database())::text AS size`.execute(
    db,
  );
  return Number(r.rows[0]!.size);
}

/** ANALYZE after a large load, so the planner sees the new rows at once. */
export async function analyze(db: Database): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
