import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;

export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Runs multi-statement SQL (migrations, seeds) in one transaction, outside Kysely. */
  execInTransaction(sql: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for tests that clone or dump it. */
  pglite?: PGlite;
}

const INT8 = 20;

/**
 * Makes PGlite look like a pg.Pool to Kysely. PGlite is one connection, so `connect()` hands it out to one
 * holder at a time; a transaction keeps it until release. Calling the outer handle inside a transaction
 * therefore waits forever: always use the transaction's handle.
 */
function pglitePool(lite: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  return {
    async connect(): Promise<PostgresPoolClient> {
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const before = tail;
      tail = before.then(() => mine);
      await before;
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
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pglitePool(lite) }) });
  return {
    db,
    kind: 'pglite',
    pglite: lite,
    execInTransaction: async (sql) => void (await lite.transaction((tx) => tx.exec(sql))),
    close: async () => {
      await db.destroy();
      await lite.close();
    },
  };
}

export async function openPostgres(
  url: string,
  options: { role?: string; max?: number } = {},
): Promise<OpenDatabase> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 20, types });
  if (options.role) {
    const role = options.role;
    // The app runs as a role that cannot change the audit log; migrations ran before as the owner.
    pool.on('connect', (client) => void client.query(`SET ROLE ${pg.escapeIdentifier(role)}`));
  }
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it on next use */
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
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
  };
}
