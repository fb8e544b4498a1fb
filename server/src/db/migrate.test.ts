import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openPglite, openPostgres, type OpenDatabase } from './database.ts';
import { migrate, migrationOrder, pendingMigrations } from './migrate.ts';
import { withDatabase } from '../test/database.ts';

describe('migration names', () => {
  it('orders the numbered ones first, by number, then the timestamped ones by name', () => {
    assert.deepEqual(
      migrationOrder([
        '202612061240_records_events.sql',
        '0020_imports.sql',
        '202612061239_jobs_queue.sql',
        '0002_volunteers_organizations.sql',
        '202612061240_access_targets.sql',
        '0001_foundation.sql',
      ]),
      [
        '0001_foundation.sql',
        '0002_volunteers_organizations.sql',
        '0020_imports.sql',
        '202612061239_jobs_queue.sql',
        '202612061240_access_targets.sql',
        '202612061240_records_events.sql',
      ],
    );
  });

  it('accepts every migration in the tree', () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url));
    assert.equal(migrationOrder(files).length, files.length);
  });

  it('refuses a name of neither scheme, a new number, a duplicate and an impossible time', () => {
    const refused = (files: string[], pattern: RegExp) => assert.throws(() => migrationOrder(files), pattern);
    for (const bad of [
      '0021_next.sql', // numbered names end at 0020
      '202612061240_records.sql', // no <what>
      '202612061240-records-events.sql',
      '202612061240_Records_events.sql',
      '2026120612_records_events.sql',
      '202612061240_records_events.SQL',
      '202612061240_records_events.sql.orig',
      'README.md',
    ])
      refused(['0001_foundation.sql', bad], new RegExp(bad.replace(/\./g, '\\.')));
    refused(['202613061240_records_events.sql'], /is not a time/);
    refused(['202602301240_records_events.sql'], /is not a time/);
    refused(['202612062460_records_events.sql'], /is not a time/);
    refused(['0005_imports.sql', '0005_other.sql'], /the same number/);
    refused(['202612061240_records_events.sql', '202612071000_records_events.sql'], /both do records_events/);
  });
});

/** A fresh, empty database: in-memory PGlite, or a new PostgreSQL database when DATABASE_URL is set. */
async function freshDatabase(): Promise<OpenDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) return openPglite();
  const name = `yiqi_m_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const handle = await openPostgres(withDatabase(base, name), { max: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

describe('migrating a fresh database', () => {
  let handle: OpenDatabase;
  let dir: string;
  const add = (file: string, body: string) => writeFileSync(join(dir, file), body);
  const applied = async () =>
    (await handle.db.selectFrom('schema_migrations').select('name').orderBy('applied_at').execute()).map(
      (r) => r.name,
    );

  before(async () => {
    handle = await freshDatabase();
    dir = mkdtempSync(join(tmpdir(), 'yiqi-migrations-')) + '/';
  });
  after(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies numbered ones first, then timestamped ones in name order', async () => {
    add('202612061300_example_second.sql', 'INSERT INTO steps (n) VALUES (3);');
    add('0002_later.sql', 'INSERT INTO steps (n) VALUES (2);');
    add('0001_first.sql', 'CREATE TABLE steps (n int NOT NULL, at serial);');
    assert.deepEqual(await pendingMigrations(handle, dir), [
      '0001_first.sql',
      '0002_later.sql',
      '202612061300_example_second.sql',
    ]);
    assert.deepEqual(await migrate(handle, dir), [
      '0001_first.sql',
      '0002_later.sql',
      '202612061300_example_second.sql',
    ]);
    const steps = await sql<{ n: number }>`SELECT n FROM steps ORDER BY at`.execute(handle.db);
    assert.deepEqual(
      steps.rows.map((r) => r.n),
      [2, 3],
    );
    assert.deepEqual(await migrate(handle, dir), []);
  });

  it('applies a migration that sorts before the last one applied (a branch merged later)', async () => {
    add('202612061200_other_first.sql', 'INSERT INTO steps (n) VALUES (1);');
    assert.deepEqual(await pendingMigrations(handle, dir), ['202612061200_other_first.sql']);
    assert.deepEqual(await migrate(handle, dir), ['202612061200_other_first.sql']);
    assert.deepEqual(await pendingMigrations(handle, dir), []);
    assert.equal((await applied()).length, 4);
  });

  it('refuses a badly named file before applying anything', async () => {
    add('202612061400_example_third.sql', 'INSERT INTO steps (n) VALUES (4);');
    add('202612061401-example-fourth.sql', 'INSERT INTO steps (n) VALUES (5);');
    await assert.rejects(migrate(handle, dir), /202612061401-example-fourth\.sql: not named/);
    await assert.rejects(pendingMigrations(handle, dir), /not named/);
    assert.equal((await applied()).length, 4, 'nothing applied');
    rmSync(join(dir, '202612061401-example-fourth.sql'));
    assert.deepEqual(await migrate(handle, dir), ['202612061400_example_third.sql']);
  });
});
