/**
 * Schema-derived fuzzing: every operation in the OpenAPI document gets a valid request built from its
 * schema and many mutated ones (fast-check values in place of the body and of each field, wrong types,
 * unknown fields, bad path and query values), and targeted ones: a NUL and other control characters in
 * every string, however deep in the body, and in every path and query parameter; impossible calendar days
 * in every date and date-time; hostile cookies and headers. Whatever arrives, the answer is never a 5xx,
 * and every error has the documented shape.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  anyOf?: Schema[];
};

/** A plausible valid value for a JSON schema (good enough to get past validation into the handler). */
function sample(s: Schema | undefined, name = ''): unknown {
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.anyOf) return sample(s.anyOf[0], name);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, k)]));
    case 'array':
      return [sample(s.items)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    default:
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'date-time') return '2026-11-22T00:00:00.000Z';
      if (s.format === 'date') return '2026-11-22';
      if (s.pattern?.includes('{12}')) return '440305000000';
      if (s.pattern?.includes('{6}')) return '123456';
      if (name === 'username') return 'fuzz.target';
      return 'Fuzz-value-123';
  }
}

/** Characters PostgreSQL cannot store (NUL) or nobody types (BEL, ESC, a C1 control). */
const CONTROL_STRINGS = ['a\u0000b', '\u0000', 'bell\u0007', 'esc\u001b[0m', 'c1\u009b'];
/** Days that do not exist, and a year PostgreSQL does not have. */
const BAD_DAYS = ['2026-02-30', '2026-13-01', '2026-02-29', '2026-04-31', '0000-01-01', '2026-00-10'];
const BAD_INSTANTS = [
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00+08:00',
  '2026-02-29T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
];

type Path = (string | number)[];

/** Every string inside a schema (object properties and array items, however deep), with its path. */
function stringLeaves(s: Schema | undefined, path: Path = []): { path: Path; schema: Schema }[] {
  if (!s || s.const !== undefined || s.enum) return [];
  if (s.anyOf) return stringLeaves(s.anyOf[0], path);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  if (type === 'array') return stringLeaves(s.items, [...path, 0]);
  return type === 'string' ? [{ path, schema: s }] : [];
}

/** A copy of `value` with the leaf at `path` replaced. */
function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[path[0]!] = setAt(copy[path[0]!], path.slice(1), leaf);
  return copy;
}

/** The hostile values for one string: control characters always, impossible days for dates. */
function hostile(s: Schema): string[] {
  if (s.format === 'date') return [...CONTROL_STRINGS, ...BAD_DAYS];
  if (s.format === 'date-time') return [...CONTROL_STRINGS, ...BAD_INSTANTS];
  return CONTROL_STRINGS;
}

let t: TestApp;
const cookies: Record<string, string> = {};
before(async () => {
  t = await startTestApp();
  await createUser(t, 'fuzz.target');
  cookies.admin = await signIn(
    t,
    await createUser(t, 'fuzz.admin', { role: 'security_admin', region: '440000000000' }),
  );
  cookies.auditor = await signIn(
    t,
    await createUser(t, 'fuzz.auditor', { role: 'audit_admin', region: '440000000000' }),
  );
  cookies.user = await signIn(t, await createUser(t, 'fuzz.user'));
});
after(() => t.close());

// Operations whose success would end the fuzzing session or replace its authenticator.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/totp/setup', 'POST /api/auth/password']);

test('no request derived from the schemas, valid or mutated, gets a 5xx', async () => {
  const doc = t.app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: { in: string; name: string; schema: Schema }[];
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >;
  };
  let sent = 0;
  const failures: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      if (SKIP.has(key)) continue;
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content['application/json']?.schema;
      const build = (overrides: { body?: unknown; param?: [string, unknown] } = {}) => {
        let url = path;
        const query = new URLSearchParams();
        for (const p of params) {
          const v = overrides.param?.[0] === p.name ? overrides.param[1] : sample(p.schema, p.name);
          if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(v)));
          else if (p.in === 'query') query.set(p.name, String(v));
        }
        const qs = query.toString();
        return {
          url: qs ? `${url}?${qs}` : url,
          body: 'body' in overrides ? overrides.body : bodySchema ? sample(bodySchema) : undefined,
        };
      };
      const cases: { url: string; body: unknown; headers?: Record<string, string> }[] = [build()];
      if (bodySchema)
        for (const leaf of stringLeaves(bodySchema))
          for (const v of hostile(leaf.schema))
            cases.push(build({ body: setAt(sample(bodySchema), leaf.path, v) }));
      for (const p of params) for (const v of hostile(p.schema)) cases.push(build({ param: [p.name, v] }));
      // Values derived from headers: the session and language cookies, the language and request id.
      for (const headers of [
        { cookie: `yiqi_sid=${'%00'.repeat(30)}; yiqi_locale=%00` },
        { cookie: `yiqi_sid=${'x'.repeat(40)}%00`, 'accept-language': 'zh;q=\u00ff, \u00e9n' },
        { 'x-request-id': `a${'\u00ff'.repeat(70)}`, 'accept-language': '*;q=0.0' },
      ] as Record<string, string>[])
        cases.push({ ...build(), headers });
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
          if (bodySchema) {
            cases.push(build({ body: v }));
            for (const field of Object.keys(bodySchema.properties ?? {}))
              cases.push(build({ body: { ...(sample(bodySchema) as object), [field]: v } }));
            cases.push(build({ body: { ...(sample(bodySchema) as object), unexpected: v } }));
          }
          for (const p of params)
            cases.push(build({ param: [p.name, typeof v === 'string' ? v : JSON.stringify(v)] }));
        }),
        { numRuns: 12, seed: 20261122 },
      );
      for (const c of cases) {
        for (const who of c.headers ? ['anonymous'] : ['admin', 'auditor', 'user', 'anonymous']) {
          const headers: Record<string, string> = {
            ...(cookies[who] ? { cookie: cookies[who] } : {}),
            ...(c.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...c.headers,
          };
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: c.url,
            headers,
            ...(c.body !== undefined ? { payload: JSON.stringify(c.body) } : {}),
          });
          sent++;
          if (res.statusCode >= 500)
            failures.push(
              `${key} as ${who}: ${res.statusCode} ${c.url} ${JSON.stringify(c.body)?.slice(0, 200)} → ${res.body.slice(0, 200)}`,
            );
          else if (res.statusCode >= 400 && path.startsWith('/api/')) {
            const body = res.json() as { error?: { code?: string; message?: string } };
            if (!body.error?.code || !body.error.message)
              failures.push(`${key}: error without code/message: ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
  }
  console.log(`fuzz: ${sent} requests, ${failures.length} failures`);
  assert.deepEqual(failures.slice(0, 20), []);
  assert.ok(sent > 500);
});
