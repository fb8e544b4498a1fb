import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { isDatabaseUnavailable, openPostgres, type Database, type OpenDatabase } from './database.ts';
import type { DB } from './schema.ts';
import { appLoginProblem } from './setup.ts';

/**
 * A streaming replica of the primary (READ_DATABASE_URL, docs/decisions/0022). Only the read-only lists and
 * dashboards that opt in read from it (http/replica-routing.ts decides per request); everything else, and
 * every transaction, stays on the primary.
 */
export interface ReadReplica {
  /**
   * Queries the replica; a query that finds it gone (refused connection, terminated backend, a conflict
   * with recovery) is run again on the primary, so a replica that stops costs no failed request. Only
   * single read-only statements run here, which makes running one again safe.
   */
  db: Database;
  /**
   * At most how far the replica is behind the primary now, in ms, or null when it cannot serve (down,
   * promoted, lag unknown). It is measured at most once a second, so between measurements the bound grows
   * with the measurement's age: a replica found caught up 400 ms ago may miss what was written since, and
   * says 400, never 0 (a row older than the bound is on the replica).
   */
  lagMs(): Promise<number | null>;
  /** Said by the failover when a query found the replica gone: the next second reads from the primary. */
  markDown(): void;
  /**
   * How many times a query found the replica gone: a request routed to it before the count moved may have
   * been answered by the primary, so it does not claim the replica's lag.
   */
  downCount(): number;
  /**
   * Why the replica's login is refused (a superuser or the schema's owner, as for DATABASE_URL), or null;
   * throws while it cannot be reached. Until a check has passed, the replica is not read from: one that
   * was down at start is checked when it is first measured.
   */
  loginProblem(): Promise<string | null>;
  close(): Promise<void>;
}

/** How long a lag measurement (or a failure) is believed. */
const LAG_CACHE_MS = 1000;

/** Recovery conflicts (40001 on a standby: rows it needed were vacuumed away on the primary) retry too. */
const retryOnPrimary = (e: unknown) =>
  isDatabaseUnavailable(e) || (e as { code?: unknown } | null)?.code === '40001';

/**
 * A pool whose connections come from the replica, but from the primary when the replica refuses, and whose
 * queries move to a primary connection when the replica's fails under them.
 */
function failoverPool(replica: pg.Pool, primary: pg.Pool, markDown: () => void): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      let current: pg.PoolClient;
      try {
        current = await replica.connect();
      } catch (e) {
        if (!retryOnPrimary(e)) throw e;
        markDown();
        return primary.connect() as unknown as PostgresPoolClient;
      }
      let onReplica = true;
      const client = {
        async query(text: unknown, values?: unknown[]) {
          try {
            return await current.query(text as string, values);
          } catch (e) {
            if (!onReplica || !retryOnPrimary(e)) throw e;
            if (isDatabaseUnavailable(e)) markDown();
            current.release(e as Error);
            onReplica = false;
            current = await primary.connect();
            return current.query(text as string, values);
          }
        },
        release: () => current.release(),
      };
      return client as unknown as PostgresPoolClient;
    },
    async end() {
      /* the two pools belong to their handles, which close them */
    },
  };
}

/**
 * The replica's lag: none when it has replayed the primary's current WAL position (so an idle primary
 * reads as caught up, not as "last commit minutes ago"), else the age of the last transaction it replayed.
 * A server not in recovery is not a replica any more (promoted): it is not read from.
 */
async function measureLag(primary: Database, replica: Database): Promise<number | null> {
  const p = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary);
  const r = await sql<{ standby: boolean; caught_up: boolean | null; since_ms: number | null }>`
    SELECT pg_is_in_recovery() AS standby,
           pg_last_wal_replay_lsn() >= ${p.rows[0]!.lsn}::pg_lsn AS caught_up,
           (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since_ms`.execute(
    replica,
  );
  const row = r.rows[0]!;
  if (!row.standby) return null;
  if (row.caught_up) return 0;
  return row.since_ms === null ? null : Math.max(1, Math.round(row.since_ms));
}

/** Opens the replica as the app role (read-only transactions, a short connect timeout). */
export async function openReplica(url: string, primary: OpenDatabase): Promise<ReadReplica> {
  if (!primary.pool) throw new Error('READ_DATABASE_URL needs a PostgreSQL primary');
  const primaryPool = primary.pool;
  const handle = await openPostgres(url, { readOnly: true, connectTimeoutMs: 3000 });
  // `at`: when the measurement began (before the primary's WAL position was read), so the age added to it
  // covers everything committed since.
  let cached: { at: number; lag: number | null } | undefined;
  let measuring: Promise<{ at: number; lag: number | null }> | undefined;
  let login: Promise<string | null> | undefined;
  const loginProblem = () =>
    (login ??= appLoginProblem(handle, 'READ_DATABASE_URL').catch((e: unknown) => {
      login = undefined; // unreachable: ask again next time
      throw e;
    }));
  let downs = 0;
  const markDown = () => {
    downs++;
    cached = { at: Date.now(), lag: null };
  };
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: failoverPool(handle.pool!, primaryPool, markDown) }),
  });
  return {
    db,
    markDown,
    downCount: () => downs,
    loginProblem,
    lagMs() {
      // Operational timing (a real second), not the app's clock, which tests move by hand.
      const bound = (m: { at: number; lag: number | null }) =>
        m.lag === null ? null : m.lag + Math.max(0, Date.now() - m.at);
      if (cached && Date.now() - cached.at < LAG_CACHE_MS) return Promise.resolve(bound(cached));
      if (!measuring) {
        const at = Date.now();
        measuring = loginProblem()
          .then((problem) => (problem ? null : measureLag(primary.db, handle.db)))
          .catch(() => null)
          .then((lag) => {
            cached = { at, lag };
            measuring = undefined;
            return cached;
          });
      }
      return measuring.then(bound);
    },
    close: async () => {
      await db.destroy();
      await handle.close();
    },
  };
}
