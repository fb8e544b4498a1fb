/**
 * Builds the database every test file starts from: migrated, regions loaded, no accounts.
 * PGlite: writes a data folder (or, for a name ending in .tar, a data-dir dump) at the given path.
 * PostgreSQL: creates the named template database.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { openPglite, openPostgres } from '../server/src/db/database.ts';
import { prepare } from '../server/src/prepare.ts';
import { withDatabase } from '../server/src/test/database.ts';

const [mode, target] = process.argv.slice(2);
if (mode === 'pglite' && target?.endsWith('.tar')) {
  const handle = await openPglite();
  await prepare(handle, { demo: false });
  const dump = await handle.pglite!.dumpDataDir('none');
  writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
} else if (mode === 'pglite' && target) {
  // A data folder each test file copies (server/src/test/database.ts): much faster to open than a dump.
  const handle = await openPglite({ dataDir: target });
  await prepare(handle, { demo: false });
  await handle.close();
} else if (mode === 'postgres' && target) {
  const base = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${target}`);
  await admin.query(`CREATE DATABASE ${target}`);
  await admin.end();
  const handle = await openPostgres(withDatabase(base, target));
  await prepare(handle, { demo: false });
  await handle.close();
} else if (mode === 'drop' && target) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL! });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
  await admin.end();
} else {
  console.error('usage: test-template.ts pglite <folder|file.tar> | postgres <database> | drop <database>');
  process.exit(2);
}
