import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { DB } from './schema.ts';
import { WaitQueue } from './wait-queue.ts';
import { preparedName } from './prepared-names.ts';

export type Database = Kysely<DB>;

export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs multi-statement SQL (migrations, seeds) in one transaction, outside Kysely. */
  execInTransaction(sql: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for tests that clone or dump it. */
  pglite?: PGlite;
  /** PostgreSQL's connection pool, for a read replica that falls back to it (db/replica.ts). */
  pool?: pg.Pool;
  /** Queries waiting for a free connection now. */
  waiting(): number;
  /** Milliseconds the oldest query still waiting for a connection has waited (load shedding's signal). */
  oldestWaitMs(): number;
}

const INT8 = 20;

/**
 * Makes PGlite look like a pg.Pool to Kysely. PGlite is one connection, so `connect()` hands it out to one
 * holder at a time; a transaction keeps it until release. Calling the outer handle inside a transaction
 * therefore waits forever: always use the transaction's handle.
 */
function pglitePool(lite: PGlite): PostgresPool & { queue: WaitQueue } {
  let tail: Promise<void> = Promise.resolve();
  const queue = new WaitQueue();
  return {
    queue,
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const before = tail;
      tail = before.then(() => mine);
      await queue.around(() => before);
      const client = {
        async query(sql: string, parameters: readonly unknown[]) {
          const r = await lite.query<Record<string, unknown>>(sql, parameters as unknown[]);
          const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SELECT';
          return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length, command } as never;
        },
        release: () => release(),
      };
      return client as unknown as PostgresPoolClient;
    },
    async end() {},
  };
}

export async function openPglite(
  options: { dataDir?: string; loadDataDir?: Blob | File } = {},
): Promise<OpenDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const lite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    // Same JavaScript types as the pg driver below: counts as numbers, timestamps as Date.
    parsers: { [INT8]: (v: string) => Number(v) },
    // Exclusion constraints over (volunteer, time range) need gist operators for uuid (migration 0007).
    extensions: { btree_gist },
  });
  return wrapPglite(lite);
}

export function wrapPglite(lite: PGlite): OpenDatabase {
  const pool = pglitePool(lite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pglite: lite,
    waiting: () => pool.queue.count,
    oldestWaitMs: () => pool.queue.oldestMs(),
    execInTransaction: async (sql) => void (await lite.transaction((tx) => tx.exec(sql))),
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
}

/** The same connection string logging in as another user (the test harness connects as the app role). */
export function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = '';
  return u.toString();
}

/**
 * SQLSTATEs and socket errors that mean the database went away (failover, restart, a proxy's timeout, a
 * terminated backend), not that the request was wrong: the request answers 503 and may be retried.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
export function isDatabaseUnavailable(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = (e as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET.has(code))
  )
    return true;
  // pg reports a closed connection without a code.
  const message = (e as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed)/.test(
      message,
    )
  );
}

/**
 * The pool as Kysely sees it: a statement of compiledOnce (the hot paths' fixed statements) goes out as a
 * named prepared statement, which each connection parses once and PostgreSQL may plan once (decision
 * 0072); any other statement exactly as before. One wrapper per pooled client (Kysely keys its connection
 * objects by the client it is handed).
 */
function namingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrappers.get(client);
      if (!w) {
        w = {
          query: ((text: unknown, values?: unknown[]) => {
            const name = typeof text === 'string' ? preparedName(text) : undefined;
            return name
              ? client.query({ name, text: text as string, values: values as unknown[] })
              : client.query(text as string, values);
          }) as unknown as PostgresPoolClient['query'],
          release: () => client.release(),
        };
        wrappers.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

/**
 * A pool of connections that log in as the URL's user: on PostgreSQL that is the app's own role
 * (yiqi_app), so nothing it runs can become the owner again. A lost connection fails only the queries on
 * it: every client gets an 'error' listener for its whole life, not only while idle (a checked-out
 * client's unhandled 'error' event would end the process), and pg-pool drops it at release.
 */
export async function openPostgres(
  url: string,
  options: { max?: number; readOnly?: boolean; connectTimeoutMs?: number } = {},
): Promise<OpenDatabase> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 20,
    types,
    // A replica's pool: every transaction read-only (a standby refuses writes anyway; this says so early).
    ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    ...(options.connectTimeoutMs ? { connectionTimeoutMillis: options.connectTimeoutMs } : {}),
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      /* the query in flight fails with this error; the pool discards the client on release */
    });
  });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it on next use */
  });
  // Kysely takes its connections through this wrapper, which names the prepared statements and notes how
  // long each connection was waited for (load shedding).
  const queue = new WaitQueue();
  const named = namingPool(pool);
  const timed: PostgresPool = {
    connect: () => queue.around(() => named.connect()),
    end: () => named.end(),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: timed }) });
  return {
    db,
    kind: 'postgres',
    waiting: () => pool.waitingCount,
    oldestWaitMs: () => queue.oldestMs(),
    execInTransaction: async (sql) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(sql);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => db.destroy(),
    pool,
  };
}
