#!/usr/bin/env node
// "Only repositories build queries" (docs/ARCHITECTURE.md, Dependency rules), checked by `npm run check`.
// dependency-cruiser sees imports, not calls, so this scans the server's product code for query builders:
// Kysely's .selectFrom( .insertInto( .updateTable( .deleteFrom( .replaceInto( .mergeInto( .with('…' and the
// `sql` tag (sql`…`, sql<T>`…`, sql.raw/ref/lit/id/join/table/val). A *.repository.ts file may; so may
// tests (*.test.ts, *.testkit.ts, *.matrix.ts, server/src/test/), the demo data (server/src/demo/, seeded
// through repositories and fixtures), the command-line tools (server/src/cli/) and the migrations' SQL.
// Any other file that does fails the check unless scripts/check-queries.allow lists it with a reason;
// a listed file that no longer builds a query fails it too, so the list only shrinks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = 'server/src';
const ALLOW = 'scripts/check-queries.allow';

const EXEMPT = [
  /\.repository\.ts$/,
  /\.(test|testkit|matrix)\.ts$/,
  /^server\/src\/(test|demo|cli)\//,
  /^server\/src\/db\/migrations\//,
];

const PATTERNS = [
  [/\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\s*\(/, (m) => `.${m[1]}(`],
  // A common table expression is named by a string (an array's or a calendar's .with( is not).
  [/\.(with|withRecursive)\s*\(\s*['"`]/, (m) => `.${m[1]}(`],
  [/(?<![\w.$])sql\s*(<[^`]*?>)?\s*`/, () => 'sql`…`'],
  [/(?<![\w.$])sql\.(raw|ref|lit|id|join|table|val)\s*\(/, (m) => `sql.${m[1]}(`],
];

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(name)) out.push(relative(ROOT, p).split('\\').join('/'));
  }
  return out;
}

/** Blanks comments (keeping line numbers) so prose about sql`…` is not a query. Strings stay. */
function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, (c, pre) => pre + ' '.repeat(c.length - pre.length));
}

function violations(path) {
  const text = stripComments(readFileSync(join(ROOT, path), 'utf8'));
  const found = [];
  // Over the whole text, so a generic spread over lines (sql<{\n…}>`…`) is seen too.
  for (const [re, label] of PATTERNS)
    for (const m of text.matchAll(new RegExp(re.source, 'g'))) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push(`${path}:${line}: ${label(m)}`);
    }
  return found;
}

function allowList() {
  const allowed = new Map();
  const problems = [];
  readFileSync(join(ROOT, ALLOW), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const m = /^(\S+)\s+—\s+(\S.*)$/.exec(line);
      if (!m) problems.push(`${ALLOW}:${i + 1}: write "<path> — <reason>"`);
      else allowed.set(m[1], m[2]);
    });
  return { allowed, problems };
}

const { allowed, problems } = allowList();
const offenders = [];
const used = new Set();
for (const path of files(join(ROOT, SRC))) {
  if (EXEMPT.some((re) => re.test(path))) continue;
  const found = violations(path);
  if (!found.length) continue;
  if (allowed.has(path)) used.add(path);
  else offenders.push(...found);
}
for (const path of allowed.keys())
  if (!used.has(path)) problems.push(`${ALLOW}: ${path} builds no query any more: remove its line`);

if (offenders.length) {
  console.error('Only repositories build queries (docs/ARCHITECTURE.md); move these into a *.repository.ts:');
  for (const o of offenders) console.error(`  ${o}`);
}
for (const p of problems) console.error(p);
if (offenders.length || problems.length) process.exit(1);
console.log(`check-queries: no query outside repositories (${allowed.size} allowed with a reason)`);
