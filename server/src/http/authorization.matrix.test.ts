/**
 * The authorization matrix: every registered route × every role × every scope relation, called through
 * HTTP and compared with what the route's declaration implies. The expectation is computed here from the
 * declaration with its own simple rules, not by the enforcement code, so a hook that stops enforcing (or a
 * route declared too loosely for its fixture) shows as a mismatch.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Role } from '@yiqi/shared/roles';
import type { RouteEntry } from './authorization.ts';
import {
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../test/harness.ts';
import { addVolunteerRecord } from '../modules/memberships/memberships.testkit.ts';
import { MODULES } from '../modules.ts';
import type {
  MatrixActor as Actor,
  MatrixFixture,
  MatrixFixtures,
  MatrixReq as Req,
  Relation,
} from '../test/matrix.ts';

const TARGET_RELATIONS: Relation[] = [
  'same',
  'descendant',
  'ancestor',
  'sibling',
  'other_city',
  'other_province',
];

/** Every actor sits in Nanshan (440305); the org admin administers one Nanshan organization. */
const NANSHAN = '440305000000';
const REGION_OF: Record<Exclude<Relation, 'none' | 'self' | 'descendant'>, string> = {
  same: NANSHAN,
  ancestor: '440300000000',
  sibling: '440304000000',
  other_city: '440106000000',
  other_province: '110101000000',
};

const DENIAL_CODES = ['FORBIDDEN', 'OUT_OF_SCOPE', 'MFA_REQUIRED'];

let t: TestApp;
const actors: Actor[] = [];
const regions = {} as Record<Exclude<Relation, 'none' | 'self'>, string>;
const orgs = {} as Record<Exclude<Relation, 'none' | 'self'>, string>;
let grantee: TestUser;

before(async () => {
  t = await startTestApp();
  const street = await t.handle.db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', NANSHAN)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  Object.assign(regions, REGION_OF, { descendant: street.code });
  for (const rel of TARGET_RELATIONS)
    orgs[rel as keyof typeof orgs] = await createOrganization(
      t,
      `组织-${rel}`,
      regions[rel as keyof typeof regions],
    );
  grantee = await createUser(t, 'grantee');
  actors.push({ name: 'anonymous', role: 'anonymous', mfa: false });
  const plain = await createUser(t, 'm.user');
  actors.push({ name: 'user', role: 'user', mfa: false, cookie: await signIn(t, plain), user: plain });
  const roles: Role[] = ['region_admin', 'org_admin', 'system_admin', 'security_admin', 'audit_admin'];
  for (const role of roles) {
    const u = await createUser(t, `m.${role}`, {
      role,
      ...(role === 'org_admin' ? { orgId: orgs.same } : { region: NANSHAN }),
    });
    actors.push({ name: role, role, mfa: true, cookie: await signIn(t, u), user: u });
  }
  const noMfa = await createUser(t, 'm.nomfa', { role: 'region_admin', region: NANSHAN });
  actors.push({
    name: 'region_admin without 2FA',
    role: 'region_admin',
    mfa: false,
    cookie: await signIn(t, noMfa, { mfa: false }),
    user: noMfa,
  });
});
after(() => t.close());

/**
 * How to call each route for a relation (null when the relation does not apply to the route): every
 * module's fixtures, from the file its manifest names; a route given fixtures twice is refused.
 */
const FIXTURES: Record<string, MatrixFixture> = {};
for (const m of MODULES) {
  if (!m.matrix) continue;
  const { matrixFixtures } = (await import(m.matrix.href)) as { matrixFixtures: MatrixFixtures };
  const own = matrixFixtures({
    t: () => t,
    regions,
    orgs,
    volunteerOf: (actor) => volunteerOf(actor as Actor),
  });
  for (const [route, fixture] of Object.entries(own)) {
    assert.ok(!FIXTURES[route], `${route}: fixtures in two modules (${m.name})`);
    FIXTURES[route] = fixture;
  }
}

const volunteers = new Map<string, string>();
/** The actor's volunteer record (anonymous gets one without an account, for requests that are refused). */
async function volunteerOf(actor: Actor): Promise<string> {
  if (!volunteers.has(actor.name))
    volunteers.set(actor.name, (await addVolunteerRecord(t, actor.user?.id ?? null)).id);
  return volunteers.get(actor.name)!;
}

/** Public plugin and system routes without parameters are called as they are. */
function defaultFixture(route: RouteEntry): ((rel: Relation) => Req | null) | undefined {
  if (route.access.kind !== 'public' || route.method !== 'GET') return undefined;
  const url = route.url.replace('*', 'index.html');
  if (url.includes(':')) return undefined;
  return (rel) => (rel === 'none' ? { method: 'GET', url } : null);
}

/**
 * True when the authorization layer refused `url` to the actor as out of scope: a denial row names the
 * object in the path. Allowed relations come first for each route and actor, so the first wrong refusal of
 * a route and actor is the first denial of its (actor, route, minute), which the denial audit writes at once
 * (later ones of the minute are only counted, but the first already fails the test).
 */
async function deniedById(route: RouteEntry, url: string, actor: Actor): Promise<boolean> {
  const byId = route.access.kind === 'staff' ? route.access.target?.byId : undefined;
  if (!byId || !actor.user) return false;
  const id = url.split('?')[0]!.split('/')[route.url.split('/').indexOf(`:${byId.param}`)];
  const row = await t.handle.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'authz.denied')
    .where('actor_id', '=', actor.user.id)
    .where('object_type', '=', byId.object)
    .where('object_id', '=', id ?? '')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The expected outcome from the declaration alone. Outside the caller's scope a route whose target is named
 * by id in the path (`byId`) answers that object's not-found, the same as for an id that does not exist;
 * other targets answer 403.
 */
function expected(route: RouteEntry, actor: Actor, rel: Relation): 'allow' | 401 | 403 | 404 {
  const a = route.access;
  if (a.kind === 'public') return 'allow';
  if (actor.role === 'anonymous') return 401;
  if (a.kind === 'user') return 'allow';
  if (actor.role === 'user' || !a.roles.includes(actor.role)) return 403;
  if (!actor.mfa) return 403;
  if (rel === 'none' || rel === 'self') return 'allow';
  const outside = a.target?.byId ? 404 : 403;
  // An organization grant covers only its own organization (the fixtures' "same" organization).
  if (actor.role === 'org_admin') return rel === 'same' ? 'allow' : outside;
  return rel === 'same' || rel === 'descendant' ? 'allow' : outside;
}

test('every route × role × scope relation behaves as declared', async () => {
  const routes = t.app.routeTable.filter((r) => r.method !== 'HEAD');
  const missing = routes.filter((r) => !FIXTURES[`${r.method} ${r.url}`] && !defaultFixture(r));
  assert.deepEqual(
    missing.map((r) => `${r.method} ${r.url}`),
    [],
    'every route needs a matrix fixture',
  );

  const outOfScope = [
    regions.sibling,
    regions.other_city,
    regions.other_province,
    orgs.sibling,
    orgs.other_city,
    orgs.other_province,
    orgs.ancestor,
  ];
  const mismatches: string[] = [];
  const leaks: string[] = [];
  let cases = 0;
  let auditedById = 0;
  const table: string[] = ['route\tactor\trelation\texpected\tstatus'];
  for (const route of routes) {
    const fixture = FIXTURES[`${route.method} ${route.url}`] ?? defaultFixture(route)!;
    for (const actor of actors) {
      for (const rel of ['none', 'self', ...TARGET_RELATIONS] as Relation[]) {
        const req = await fixture(rel, actor);
        if (!req) continue;
        cases++;
        const res = await t.app.inject({
          method: req.method as 'GET',
          url: req.url,
          ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
          headers: { ...req.headers, ...(actor.cookie ? { cookie: actor.cookie } : {}) },
        });
        const want = expected(route, actor, rel);
        const got = res.statusCode;
        // A refusal by the authorization layer is told apart from a refusal by the use case (a wrong
        // password is a 401 too) by its error code.
        const code = got >= 400 ? (res.json() as { error?: { code?: string } }).error?.code : undefined;
        // A by-id refusal answers what an unknown id answers. Where the declaration allows the call, such
        // an answer may be the use case's own (a sub-object the fixture names on purpose, like a NIL
        // sign-up): the denial audit row naming the object tells a refusal apart.
        const byId = route.access.kind === 'staff' ? route.access.target?.byId : undefined;
        const byIdNotFound = got === 404 && code !== undefined && code === byId?.notFound;
        const denial =
          (got === 401 && code === 'UNAUTHENTICATED') ||
          (got === 403 && DENIAL_CODES.includes(code ?? '')) ||
          (byIdNotFound && (want !== 'allow' || (await deniedById(route, req.url, actor))));
        const ok = want === 'allow' ? !denial && got < 500 : got === want && denial;
        if (want === 404 && ok && (await deniedById(route, req.url, actor))) auditedById++;
        table.push(`${route.method} ${route.url}\t${actor.name}\t${rel}\t${want}\t${got}`);
        if (!ok)
          mismatches.push(
            `${route.method} ${route.url} as ${actor.name} (${rel}): expected ${want}, got ${got} ${res.body.slice(0, 120)}`,
          );
        if (route.access.kind === 'staff' && got === 200 && outOfScope.some((id) => res.body.includes(id)))
          leaks.push(`${route.method} ${route.url} as ${actor.name} (${rel})`);
      }
    }
  }
  mkdirSync('test-output', { recursive: true });
  writeFileSync(
    `test-output/authorization-matrix-${process.env.DATABASE_URL ? 'pg' : 'pglite'}.tsv`,
    table.join('\n') + '\n',
  );
  console.log(
    `authorization matrix: ${routes.length} routes, ${actors.length} actors, ${cases} cases, ${mismatches.length} mismatches, ${leaks.length} leaks`,
  );
  assert.deepEqual(mismatches, []);
  assert.deepEqual(leaks, []);
  assert.ok(cases > 100, `too few cases (${cases})`);
  assert.ok(auditedById > 20, `by-id refusals name their object in the denial audit (${auditedById})`);
});

test('every denial is audited', async () => {
  const denied = await t.handle.db
    .selectFrom('audit_log')
    .select(['actor_name', 'details'])
    .where('action', '=', 'authz.denied')
    .execute();
  assert.ok(denied.some((r) => r.actor_name === 'm.user' && r.details.reason === 'role'));
  assert.ok(denied.some((r) => r.actor_name === 'm.region_admin' && r.details.reason === 'scope'));
  assert.ok(denied.some((r) => r.actor_name === 'm.nomfa' && r.details.reason === 'mfa'));
});
