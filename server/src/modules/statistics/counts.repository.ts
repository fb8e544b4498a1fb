import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * SQL of the refresh job's counts (`stat_unit_counts`, refresh.ts): every other domain's count per unit
 * and month — volunteers by residence (and by gender and birth year), organizations, activities, places,
 * certificates, dispatch orders and ratings, civic reports. Rebuilt whole on the first run (and by the
 * demo / generator after a bulk load); after that only the regions and organizations marked in
 * `stat_dirty` by the source tables' triggers, or by the sign-ups' audit rows, are recounted (decisions
 * 0055 and 0061).
 */

/** What to count: everything, the rows of some regions (12-digit codes), or of some organizations. */
export type Scope = { all: true } | { regions: string[] } | { orgs: string[] };

/**
 * The facts (region, organization, month, metric, value) of a scope. Each source is filtered on its own
 * region or organization column, so a recount of a few regions reads their rows by index.
 */
function facts(scope: Scope): RawBuilder<unknown> {
  const all = 'all' in scope;
  const region = (col: string) =>
    all ? sql`true` : 'regions' in scope ? sql`${sql.raw(col)} = ANY(${scope.regions}::text[])` : sql`false`;
  const org = (col: string) =>
    all ? sql`true` : 'orgs' in scope ? sql`${sql.raw(col)} = ANY(${scope.orgs}::uuid[])` : sql`false`;
  const either = (r: string, o: string) => (all ? sql`true` : 'regions' in scope ? region(r) : org(o));
  const month = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`);
  // Places filled per shift: a few shifts' sign-ups by index when recounting some regions; for everything,
  // the accepted sign-ups counted once per shift and joined (one pass, instead of one index probe a shift).
  const filled = all
    ? sql`coalesce(g.filled, 0) AS filled`
    : sql`(SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status = 'accepted') AS filled`;
  const filledJoin = all
    ? sql`LEFT JOIN (SELECT shift_id, count(*) AS filled FROM signups WHERE status = 'accepted' GROUP BY 1) g
            ON g.shift_id = s.id`
    : sql``;
  return sql`
    v AS (
      SELECT region_code, ${month('created_at')} AS joined,
             ${month('closed_at')} AS left_m,
             CASE WHEN verification_status = 'verified'
                  THEN ${month('coalesce(verified_at, created_at)')} END AS verified,
             coalesce(gender, 'unknown') AS gender,
             coalesce(to_char(birth_date, 'YYYY'), 'unknown') AS born
        FROM volunteers WHERE ${region('region_code')}
    ),
    vm AS (
      SELECT region_code, joined AS month, 'joined' AS metric FROM v
      UNION ALL SELECT region_code, left_m, 'left' FROM v WHERE left_m IS NOT NULL
      UNION ALL SELECT region_code, verified, 'verified' FROM v WHERE verified IS NOT NULL
      UNION ALL SELECT region_code, greatest(left_m, verified), 'verified_left' FROM v
        WHERE verified IS NOT NULL AND left_m IS NOT NULL
      UNION ALL SELECT region_code, joined, 'jg:' || gender FROM v
      UNION ALL SELECT region_code, left_m, 'lg:' || gender FROM v WHERE left_m IS NOT NULL
      UNION ALL SELECT region_code, joined, 'jy:' || born FROM v
      UNION ALL SELECT region_code, left_m, 'ly:' || born FROM v WHERE left_m IS NOT NULL
    ),
    o AS (
      SELECT id, region_code, ${month('created_at')} AS month,
             (CASE WHEN parent_id IS NULL THEN 'orgs:' ELSE 'teams:' END) || org_type AS metric
        FROM organizations WHERE status = 'approved' AND ${region('region_code')}
    ),
    a AS (
      SELECT a.id, a.org_id, a.region_code, ${month('a.starts_at')} AS month
        FROM activities a WHERE a.status IN ('published', 'closed') AND ${either('a.region_code', 'a.org_id')}
    ),
    sh AS (
      SELECT a.org_id, a.region_code, ${month('s.starts_at')} AS month, s.quota, ${filled}
        FROM shifts s JOIN activities a ON a.id = s.activity_id ${filledJoin}
       WHERE s.removed_at IS NULL AND a.status IN ('published', 'closed') AND ${either('a.region_code', 'a.org_id')}
    ),
    c AS (
      SELECT o.region_code, c.issued_by_org_id AS org_id, ${month('c.issued_at')} AS month
        FROM certificates c JOIN organizations o ON o.id = c.issued_by_org_id
       WHERE c.issued_at IS NOT NULL AND ${either('o.region_code', 'c.issued_by_org_id')}
    ),
    d AS (
      SELECT region_code, team_id AS org_id, state, ${month('created_at')} AS received,
             ${month('dispatched_at')} AS dispatched, ${month('completed_at')} AS completed
        FROM dispatch_orders WHERE ${either('region_code', 'team_id')}
    ),
    dm AS (
      SELECT region_code, org_id, received AS month, 'orders_received' AS metric FROM d
      UNION ALL SELECT region_code, org_id, received, 'orders_decided' FROM d
        WHERE state NOT IN ('rejected', 'merged', 'cancelled')
      UNION ALL SELECT region_code, org_id, received, 'orders_completed_of' FROM d WHERE state = 'completed'
      UNION ALL SELECT region_code, org_id, dispatched, 'orders_dispatched' FROM d WHERE dispatched IS NOT NULL
      UNION ALL SELECT region_code, org_id, completed, 'orders_completed' FROM d
        WHERE state = 'completed' AND completed IS NOT NULL
    ),
    rt AS (
      SELECT d.region_code, d.team_id AS org_id, ${month('g.at')} AS month, g.score
        FROM dispatch_ratings g JOIN dispatch_orders d ON d.id = g.order_id
       WHERE ${either('d.region_code', 'd.team_id')}
    ),
    cv AS (
      SELECT region_code, unit_org_id AS org_id, status, ${month('created_at')} AS filed,
             ${month('closed_at')} AS closed
        FROM civic_cases WHERE ${either('region_code', 'unit_org_id')}
    ),
    facts AS (
      SELECT region_code, NULL::uuid AS org_id, month, metric, 1::bigint AS value FROM vm
      UNION ALL SELECT region_code, id, month, metric, 1 FROM o
      UNION ALL SELECT region_code, org_id, month, 'activities_held', 1 FROM a
      UNION ALL SELECT region_code, org_id, month, 'positions_offered', quota FROM sh
      UNION ALL SELECT region_code, org_id, month, 'positions_filled', filled FROM sh
      UNION ALL SELECT region_code, org_id, month, 'certificates_issued', 1 FROM c
      UNION ALL SELECT region_code, org_id, month, metric, 1 FROM dm
      UNION ALL SELECT region_code, org_id, month, 'ratings', 1 FROM rt
      UNION ALL SELECT region_code, org_id, month, 'ratings_good', 1 FROM rt WHERE score >= 4
      UNION ALL SELECT region_code, org_id, filed, 'civic_filed', 1 FROM cv
      UNION ALL SELECT region_code, org_id, filed, 'civic_rectified_of', 1 FROM cv WHERE status = 'rectified'
      UNION ALL SELECT region_code, org_id, closed, 'civic_rectified', 1 FROM cv
        WHERE status = 'rectified' AND closed IS NOT NULL
    )`;
}

const LEVELS = sql`lv(level, n) AS (VALUES (1, 2), (2, 4), (3, 6), (4, 9), (5, 12))`;
/** Metrics an organization unit does not have (it is not counted among its own organizations). */
const ORG_UNIT_FACTS = sql`f.org_id IS NOT NULL AND f.metric NOT LIKE 'orgs:%' AND f.metric NOT LIKE 'teams:%'`;

/**
 * The whole rebuild, replacing every count in the caller's transaction (readers see old or new). A count
 * of 0 is no row (a missing row reads as 0), as the incremental recount leaves it. The facts are summed
 * first per (community, organization, month, metric) — a volunteer's facts fall into their community's
 * rows, an activity's into its team's — and only those sums are spread over the five levels; rows go in
 * in key order, so each index grows at its end instead of at random pages.
 */
export async function rebuildAll(db: Database) {
  await db.deleteFrom('stat_unit_counts').execute();
  // Hash aggregates over every source row: room for them in memory, this transaction only (the default
  // 4 MB sends them to disk in many batches).
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  await sql`
    WITH ${LEVELS}, ${facts({ all: true })},
    base AS MATERIALIZED (
      SELECT region_code, org_id, month, metric, sum(value) AS value FROM facts GROUP BY 1, 2, 3, 4
    )
    INSERT INTO stat_unit_counts (unit, level, month, metric, value)
    SELECT unit, level, month, metric, value FROM (
      SELECT left(f.region_code, lv.n) AS unit, lv.level, f.month, f.metric, sum(f.value) AS value
        FROM base f CROSS JOIN lv
       GROUP BY 1, 2, 3, 4
      HAVING sum(f.value) <> 0
      UNION ALL
      SELECT 'o:' || f.org_id, 0, f.month, f.metric, sum(f.value)
        FROM base f WHERE ${ORG_UNIT_FACTS}
       GROUP BY 1, 2, 3, 4
      HAVING sum(f.value) <> 0
    ) x
     ORDER BY unit, month, metric`.execute(db);
}

/**
 * Recounts some regions: their community-level unit (the region code itself, level 5) is compared with
 * the facts now, and the difference is added to the unit at every level above (so a street's counts stay
 * the sum of its regions' without reading the street). Counts that reach 0 are removed, as the rebuild
 * would not have them.
 */
export async function recountRegions(db: Database, codes: string[]) {
  if (codes.length === 0) return;
  const touched = await sql<{ unit: string; month: string; metric: string; value: number | string }>`
    WITH ${LEVELS}, ${facts({ regions: codes })},
    fresh AS (
      SELECT region_code AS unit, month, metric, sum(value)::bigint AS value FROM facts GROUP BY 1, 2, 3
    ),
    old AS (
      SELECT unit, month, metric, value FROM stat_unit_counts
       WHERE level = 5 AND unit = ANY(${codes}::text[])
    ),
    delta AS (
      SELECT coalesce(f.unit, o.unit) AS unit, coalesce(f.month, o.month) AS month,
             coalesce(f.metric, o.metric) AS metric, coalesce(f.value, 0) - coalesce(o.value, 0) AS d
        FROM fresh f FULL JOIN old o ON o.unit = f.unit AND o.month = f.month AND o.metric = f.metric
    )
    INSERT INTO stat_unit_counts AS s (unit, level, month, metric, value)
    SELECT left(delta.unit, lv.n), lv.level, delta.month, delta.metric, sum(delta.d)
      FROM delta CROSS JOIN lv
     WHERE delta.d <> 0
     GROUP BY 1, 2, 3, 4
    HAVING sum(delta.d) <> 0
    ON CONFLICT (unit, month, metric) DO UPDATE SET value = s.value + excluded.value
    RETURNING s.unit, s.month, s.metric, s.value`.execute(db);
  const zero = touched.rows.filter((r) => Number(r.value) === 0);
  for (let i = 0; i < zero.length; i += 1000) {
    const part = zero.slice(i, i + 1000);
    await sql`
      DELETE FROM stat_unit_counts s
       USING unnest(${part.map((r) => r.unit)}::text[], ${part.map((r) => r.month)}::text[],
                    ${part.map((r) => r.metric)}::text[]) AS z(unit, month, metric)
       WHERE s.unit = z.unit AND s.month = z.month AND s.metric = z.metric AND s.value = 0`.execute(db);
  }
}

/** Recounts some organizations' own units ('o:<id>') whole: one unit each, a few hundred rows at most. */
export async function recountOrgs(db: Database, ids: string[]) {
  if (ids.length === 0) return;
  await sql`DELETE FROM stat_unit_counts WHERE unit = ANY(${ids.map((id) => `o:${id}`)}::text[])`.execute(db);
  await sql`
    WITH ${facts({ orgs: ids })}
    INSERT INTO stat_unit_counts (unit, level, month, metric, value)
    SELECT 'o:' || f.org_id, 0, f.month, f.metric, sum(f.value)
      FROM facts f WHERE ${ORG_UNIT_FACTS} AND f.org_id = ANY(${ids}::uuid[])
     GROUP BY 1, 2, 3, 4
    HAVING sum(f.value) <> 0`.execute(db);
}

/**
 * The ranked figures' monthly changes (decision 0064): registered (joined − left), organizations (top-level
 * and teams of every type) and activities held, per unit and month, from the counts matching `where`.
 */
const rankedChanges = (where: RawBuilder<unknown>) => sql`
  SELECT unit, month,
         CASE WHEN metric IN ('joined', 'left') THEN 'registered'
              WHEN metric = 'activities_held' THEN 'activities'
              ELSE 'organizations' END AS metric,
         CASE WHEN metric = 'left' THEN -value ELSE value END AS value
    FROM stat_unit_counts
   WHERE ${where} AND (metric IN ('joined', 'left', 'activities_held') OR metric LIKE 'orgs:%'
                       OR metric LIKE 'teams:%')`;

/**
 * Recomputes the totals over all months (stat_unit_totals, decision 0061) and the ranked figures' running
 * sums (stat_unit_running, decision 0064) of some units from their counts — every unit, or those a run
 * touched: the five prefixes of each recounted region and the recounted organizations'. A unit's counts are
 * a few thousand rows at most, read by primary key.
 */
export async function retotal(db: Database, units: string[] | 'all') {
  if (units !== 'all' && units.length === 0) return;
  const which = units === 'all' ? sql`true` : sql`unit = ANY(${units}::text[])`;
  await sql`DELETE FROM stat_unit_totals WHERE ${which}`.execute(db);
  await sql`DELETE FROM stat_unit_running WHERE ${which}`.execute(db);
  await sql`
    INSERT INTO stat_unit_totals (unit, level, metric, value)
    SELECT unit, level, metric, sum(value) FROM stat_unit_counts WHERE ${which}
     GROUP BY 1, 2, 3 HAVING sum(value) <> 0
     ORDER BY 1, 3`.execute(db);
  // A row for every month where a figure changed: "at the end of month M" is the newest row at or before M.
  await sql`
    INSERT INTO stat_unit_running (unit, metric, month, value)
    SELECT unit, metric, month, sum(sum(value)) OVER (PARTITION BY unit, metric ORDER BY month)
      FROM (${rankedChanges(which)}) c
     GROUP BY unit, metric, month
     ORDER BY unit, metric, month`.execute(db);
}

/**
 * Takes the marks of changed regions and organizations (deleting them in the caller's transaction: marks
 * of writers still running are not visible yet and stay for the next run), and resolves the marks that
 * name an activity or a dispatch order (decision 0061: the writer only names what its row holds) to their
 * region and organization. An organization's mark also recounts its region (its certificates count there).
 */
export async function takeDirty(db: Database, activities: string[] = []) {
  const r = await sql<{ kind: string; key: string }>`
    WITH d AS MATERIALIZED (DELETE FROM stat_dirty RETURNING kind, key),
    a AS (
      SELECT id, region_code, org_id FROM activities
       WHERE id = ANY(array(SELECT key::uuid FROM d WHERE kind = 'a') || ${activities}::uuid[])
    ),
    o AS (
      SELECT id, region_code FROM organizations WHERE id = ANY(array(SELECT key::uuid FROM d WHERE kind = 'o'))
    ),
    q AS (
      SELECT region_code, team_id FROM dispatch_orders
       WHERE id = ANY(array(SELECT key::uuid FROM d WHERE kind = 'd'))
    )
    SELECT kind, key FROM d WHERE kind IN ('r', 'o')
    UNION SELECT 'r', region_code FROM o
    UNION SELECT 'r', region_code FROM a
    UNION SELECT 'o', org_id::text FROM a
    UNION SELECT 'r', region_code FROM q
    UNION SELECT 'o', team_id::text FROM q WHERE team_id IS NOT NULL`.execute(db);
  const regions = new Set<string>();
  const orgs = new Set<string>();
  for (const x of r.rows) (x.kind === 'r' ? regions : orgs).add(x.key);
  return { regions: [...regions].sort(), orgs: [...orgs].sort() };
}

/** Audit rows whose object is a sign-up or a shift: every change of a sign-up's status is one of them. */
const SIGNUP_OBJECTS = ['signup', 'shift'];

/**
 * The activities whose sign-ups changed, derived afterwards from the audit rows their writes appended
 * (decision 0061): the audit chain's links after `after` (dense positions, given by the sequencer only to
 * committed rows, in the order they became visible), and the chain position read up to. A sign-up is one
 * statement that appends its audit row, so the row is committed exactly when the sign-up is. `headOnly`
 * (a full rebuild): only the position.
 */
export async function signupActivitiesSince(db: Database, after: number, headOnly = false) {
  const r = await sql<{ top: string | number | null; activities: string[] | null }>`
    WITH top AS MATERIALIZED (SELECT max(seq) AS seq FROM audit_links),
    ev AS MATERIALIZED (
      SELECT a.object_type, a.object_id FROM audit_links l JOIN audit_log a ON a.id = l.audit_id
       WHERE NOT ${headOnly} AND l.seq > ${after} AND l.seq <= (SELECT seq FROM top)
         AND a.object_type = ANY(${SIGNUP_OBJECTS}::text[]) AND a.object_id IS NOT NULL
    )
    SELECT (SELECT seq FROM top) AS top, array(
      SELECT g.activity_id::text FROM signups g
       WHERE g.id = ANY(array(SELECT object_id::uuid FROM ev WHERE object_type = 'signup'))
      UNION
      SELECT s.activity_id::text FROM shifts s
       WHERE s.id = ANY(array(SELECT object_id::uuid FROM ev WHERE object_type = 'shift'))
    ) AS activities`.execute(db);
  const row = r.rows[0];
  return { top: row?.top == null ? after : Number(row.top), activities: row?.activities ?? [] };
}

/** The audit chain position the refresh has read up to (null before its first run). */
export async function auditPosition(db: Database, name: string) {
  const r = await sql<{ audit_seq: string | number | null }>`
    SELECT audit_seq FROM stat_refreshes WHERE name = ${name}`.execute(db);
  const v = r.rows[0]?.audit_seq;
  return v == null ? 0 : Number(v);
}

export async function setAuditPosition(db: Database, name: string, seq: number) {
  await sql`UPDATE stat_refreshes SET audit_seq = ${seq} WHERE name = ${name}`.execute(db);
}

/**
 * Links what the audit has committed (audit_sequence(), decision 0018) before a refresh reads the chain, in
 * the caller's own short transactions: a sign-up is then marked by this run rather than the next one.
 */
export async function sequenceAudit(db: Database, batch = 5000) {
  for (;;) {
    const r = await sql<{ n: number }>`SELECT audit_sequence(${batch}::int) AS n`.execute(db);
    if (Number(r.rows[0]!.n) < batch) return;
  }
}

/** One refresh at a time: a second waits (readers never do: they take no lock that conflicts). */
export async function lockCounts(db: Database) {
  await sql`LOCK TABLE stat_unit_counts IN SHARE ROW EXCLUSIVE MODE`.execute(db);
}
