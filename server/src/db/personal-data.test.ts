import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { seedDemoVolunteers } from '../demo/demo-volunteers.seed.ts';
import { seedDemoActivities } from '../demo/demo-activities.seed.ts';
import { seedDemoDispatch } from '../demo/demo-dispatch.seed.ts';
import { registerVolunteer } from '../modules/volunteers/volunteers.testkit.ts';
import { SEALED_COLUMNS } from '../modules/system/keys.repository.ts';
// @ts-expect-error: a plain ES module of the test runner, without type declarations
import { scanText } from '../../../scripts/scan-personal-data.mjs';

/**
 * Personal data where nobody should find it in plaintext: a database dump (docs/data-inventory.md lists
 * what each column holds), and every personal-looking column accounted for in that inventory. The logs
 * of the whole test run are scanned by scripts/run-tests.mjs after the suite.
 */

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

/** Column names that say the column may hold data about a person, or a secret. */
const LOOKS_PERSONAL =
  /name|phone|doc|id_number|birth|address|email|(^|_)ip($|_)|password|token|secret|totp|coord|(^|_)(lat|lng|lon)($|_)|photo|image|gender|ethnic|guardian|emergency|contact|_enc$|_bidx$|evidence|comment|note|distance|accuracy|subject|bucket|code_hash|person/;

let t: TestApp;
let columns: { t: string; c: string }[];
before(async () => {
  t = await startTestApp();
  const r = await sql<{ t: string; c: string }>`
    SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(t.handle.db);
  columns = r.rows;
});
after(() => t.close());

/** The inventory's rows: | table | column | purpose | retention | sensitivity |. */
function inventory(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of read('docs/data-inventory.md').split('\n')) {
    const m = /^\|\s*([a-z_0-9]+)\s*\|\s*([a-z_0-9]+)\s*\|[^|]*\|[^|]*\|\s*([a-z]+)\s*\|\s*$/.exec(line);
    if (m && m[1] !== 'table') rows.set(`${m[1]}.${m[2]}`, m[3]!);
  }
  return rows;
}

describe('data inventory (docs/data-inventory.md)', () => {
  test('every personal-looking column has an entry, and every entry a column that exists', () => {
    const inv = inventory();
    assert.ok(inv.size > 100, 'the inventory was read');
    const missing = columns
      .filter((x) => LOOKS_PERSONAL.test(x.c) && !inv.has(`${x.t}.${x.c}`))
      .map((x) => `| ${x.t} | ${x.c} | <purpose> | <retention> | <public|internal|personal|secret> |`);
    assert.deepEqual(
      missing,
      [],
      `columns that look personal have no entry in docs/data-inventory.md; add these rows to their table's section:\n${missing.join('\n')}`,
    );
    const existing = new Set(columns.map((x) => `${x.t}.${x.c}`));
    const stale = [...inv.keys()].filter((k) => !existing.has(k));
    assert.deepEqual(
      stale,
      [],
      `docs/data-inventory.md names columns that no longer exist; remove: ${stale.join(', ')}`,
    );
    const bad = [...inv].filter(([, s]) => !['public', 'internal', 'personal', 'secret'].includes(s));
    assert.deepEqual(bad, [], 'sensitivity is one of public, internal, personal, secret');
  });

  test('every ciphertext column is re-sealed by a key rotation (modules/system/keys.repository.ts)', () => {
    const sealed = new Set(
      Object.entries(SEALED_COLUMNS).flatMap(([table, cs]) => cs.map((c) => `${table}.${c}`)),
    );
    const missing = columns
      .filter((x) => x.c.endsWith('_enc'))
      .map((x) => `${x.t}.${x.c}`)
      .filter((k) => !sealed.has(k));
    assert.deepEqual(missing, [], `add these to SEALED_COLUMNS: ${missing.join(', ')}`);
  });
});

describe('operations guide (docs/operations.md)', () => {
  test('every environment variable config.ts reads is documented', () => {
    const source = read('server/src/lib/config.ts');
    const names = new Set<string>();
    for (const m of source.matchAll(/env\.([A-Z][A-Z0-9_]+)|int\(env, '([A-Z][A-Z0-9_]+)'/g))
      names.add((m[1] ?? m[2])!);
    assert.ok(names.size > 15, `read ${names.size} names`);
    const doc = read('docs/operations.md');
    const undocumented = [...names].filter((n) => !new RegExp(`\\|\\s*\`${n}\`\\s*\\|`).test(doc));
    assert.deepEqual(
      undocumented,
      [],
      `add a row | \`NAME\` | default | meaning | to docs/operations.md for: ${undocumented.join(', ')}`,
    );
  });
});

describe('a dump of a database with the demo data and a registration', () => {
  let plain: string[];
  before(async () => {
    await seedDemo(t.handle.db, t.config.appKey);
    await seedDemoVolunteers(t.handle.db, t.config, 6);
    await seedDemoActivities(t.handle.db, t.config);
    await seedDemoDispatch(t.handle.db, t.config);
    const v = await registerVolunteer(t);
    plain = [v.body.phone, v.body.docNumber, '13800131000', '13800131005'];
  });

  /** Every row of every table as JSON: a logical dump that works on PGlite and PostgreSQL alike. */
  async function jsonDump(): Promise<string> {
    const tables = [...new Set(columns.map((x) => x.t))];
    let out = '';
    for (const table of tables) {
      const r = await sql<{
        j: string | null;
      }>`SELECT json_agg(x)::text AS j FROM ${sql.table(table)} x`.execute(t.handle.db);
      out += `${table}\n${r.rows[0]?.j ?? ''}\n`;
    }
    return out;
  }

  function assertClean(dump: string) {
    assert.ok(dump.includes('南山区志愿者联合会'), 'the dump holds the demo data');
    for (const p of plain) assert.ok(!dump.includes(p), `a plaintext (${p.slice(0, 3)}…) is in the dump`);
    const found = scanText(dump, []) as Record<string, string[]>;
    assert.equal(found.idNumbers!.length, 0, `ID numbers in the dump: ${found.idNumbers!.length}`);
    assert.equal(found.phones!.length, 0, `mobile numbers in the dump: ${found.phones!.length}`);
  }

  test('no ID number or mobile number in plaintext (every table as JSON)', async () => {
    assertClean(await jsonDump());
  });

  test('no ID number or mobile number in plaintext (pg_dump, PostgreSQL only)', async (c) => {
    const url = (t.handle as { url?: string }).url;
    const bin = ['/usr/lib/postgresql/15/bin/pg_dump', '/usr/bin/pg_dump'].find((p) => existsSync(p));
    if (!url || !bin) return c.skip('pg_dump needs PostgreSQL (npm run test:pg)');
    const r = spawnSync(bin, ['--data-only', '--no-owner', url], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    assert.equal(r.status, 0, r.stderr);
    assertClean(r.stdout);
  });

  test('the scan finds a plaintext when there is one (so it can fail)', () => {
    const found = scanText(`x ${plain[1]} y ${plain[0]} z`, []) as Record<string, string[]>;
    assert.equal(found.idNumbers!.length, 1);
    assert.equal(found.phones!.length, 1);
    // The digits of a logged float are not an ID number, though these pass the checksum (a CI run found them).
    const float = scanText('{"responseTime":0.057616000005509704}', []) as Record<string, string[]>;
    assert.equal(float.idNumbers!.length, 0);
  });
});
