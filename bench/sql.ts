// The SQL side of a scenario, taken from the code: the services run against the bench database through a
// Kysely instance whose `log` option records every statement (with BEGIN and COMMIT of its transactions),
// and the statements become a pgbench script with their parameters inlined — some of them replaced by
// pgbench variables, so each pgbench transaction can act as a different person.
import { writeFile } from 'node:fs/promises';
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { withUser } from '../server/src/db/database.ts';
import type { DB } from '../server/src/db/schema.ts';
import type { Ctx, PendingSession } from '../server/src/core/ctx.ts';
import type { Config } from '../server/src/lib/config.ts';
import { preparedName } from '../server/src/db/prepared-names.ts';

/**
 * Literal SQL for a bound parameter, so pgbench runs the statement as the API sends it. pgbench reads
 * `:name` anywhere in a statement as a variable, even inside quotes, so a string with a colon before a
 * letter (JSON such as {"review":false}) is written as E'…' with that colon escaped.
 */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `'\\x${Buffer.from(v).toString('hex')}'::bytea`;
  if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(', ')}]`;
  const s = String(v).replace(/'/g, "''");
  if (!/:[A-Za-z_\u0080-\uffff]/.test(s)) return `'${s}'`;
  return `E'${s.replace(/\\/g, '\\\\').replace(/:/g, '\\x3a')}'`;
}

/** A compiled query with its parameters inlined; `swap` may replace some of them with an expression. */
export function inline(q: CompiledQuery, swap: (v: unknown) => string | undefined = () => undefined): string {
  return q.sql.replace(/\$(\d+)/g, (_, i: string) => {
    const v = q.parameters[Number(i) - 1];
    return swap(v) ?? literal(v);
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isJsonObject = (s: string) => {
  try {
    return s.startsWith('{') && typeof JSON.parse(s) === 'object';
  } catch {
    return false;
  }
};

/**
 * A `swap` for inline(): parameters equal to a captured value become the pgbench variable named for it
 * (`variables`: value → name; a bytea value is keyed by its hex, `\x…`); a string that contains such
 * values (an audit row's JSON details) becomes a concatenation, cast to jsonb when it is a JSON object.
 * `values` first replaces captured values by others everywhere (e.g. the capture shift's id by the
 * measured shift's).
 */
export function swapper(variables: Record<string, string>, values: Record<string, string> = {}) {
  const keys = Object.keys(variables);
  return (v: unknown): string | undefined => {
    if (Buffer.isBuffer(v) || v instanceof Uint8Array) {
      const name = variables[`\\x${Buffer.from(v).toString('hex')}`];
      return name ? `:${name}` : undefined;
    }
    if (typeof v !== 'string') return undefined;
    let s = v;
    for (const [from, to] of Object.entries(values)) s = s.replaceAll(from, to);
    if (variables[s]) return `:${variables[s]}`;
    const inside = keys.filter((k) => s.includes(k));
    if (!inside.length) return s === v ? undefined : literal(s);
    const parts: string[] = [];
    let last = 0;
    for (const m of s.matchAll(new RegExp(inside.map(escapeRe).join('|'), 'g'))) {
      parts.push(literal(s.slice(last, m.index)), `:${variables[m[0]]}::text`);
      last = m.index + m[0].length;
    }
    parts.push(literal(s.slice(last)));
    const expr = `(${parts.join(' || ')})`;
    return isJsonObject(s) ? `${expr}::jsonb` : expr;
  };
}

/** One captured statement as a pgbench script line: BEGIN/COMMIT as such, the rest inlined. */
export function scriptLine(
  q: CompiledQuery,
  swap: (v: unknown) => string | undefined,
  gset?: string,
): string {
  if (/^(begin|commit)$/i.test(q.sql.trim())) return `${q.sql.trim().toUpperCase()};`;
  // \gset ends the statement itself (no semicolon) and stores its one row's columns as variables.
  const text = inline(q, swap).trim();
  return gset === undefined ? `${text};` : `${text} \\gset ${gset}`;
}

/**
 * pgbench's query mode for captured statements: `prepared` when the API sends every one of them as a named
 * prepared statement (compiledOnce, db/compiled.ts; BEGIN and COMMIT aside), so pgbench too parses each
 * once per client; else `extended`, each parsed and planned every time, as the API then does.
 */
export function modeOf(qs: CompiledQuery[]): 'prepared' | 'extended' {
  const named = (q: CompiledQuery) => /^(begin|commit)$/i.test(q.sql.trim()) || !!preparedName(q.sql);
  return qs.every(named) ? 'prepared' : 'extended';
}

/** Writes a generated pgbench script; BENCH_SHOW_SCRIPTS=1 also prints it. */
export async function writeScript(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  if (process.env.BENCH_SHOW_SCRIPTS === '1') console.log(`\n   ${path}:\n${text}`);
}

/** A request's session cookie (`yiqi_sid=…`) as a route that leaves the session check to its service. */
export function pending(cookie: string): PendingSession {
  return { token: cookie.slice('yiqi_sid='.length), settle: () => {} };
}

export interface Capture {
  /** A context for calling services, on a connection as the app role (like the API's pool). */
  ctx: Omit<Ctx, 'actor'>;
  /** The statements sent since the last call, in order. */
  take(): CompiledQuery[];
  close(): Promise<void>;
}

/** Opens a Kysely on the bench database that records every statement the services send through it. */
export function openCapture(url: string, config: Config, role = 'yiqi_app'): Capture {
  let captured: CompiledQuery[] = [];
  // Bigints as numbers, as the API's pool reads them (server/src/db/database.ts).
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
  };
  // Logged in as the app role, as the API is.
  const pool = new pg.Pool({ connectionString: withUser(url, role), max: 2, types });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => void (e.level === 'query' && captured.push(e.query)),
  });
  return {
    ctx: {
      db,
      clock: () => new Date(),
      log: pino({ level: 'silent' }),
      config,
      requestId: 'bench',
      ip: '127.0.0.1',
      locale: 'zh-CN',
    },
    take: () => {
      const out = captured;
      captured = [];
      return out;
    },
    close: () => db.destroy(),
  };
}
