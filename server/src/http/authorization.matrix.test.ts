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
import {
  addVolunteerRecord,
  insertOrganization,
  registration,
} from '../modules/memberships/memberships.testkit.ts';
import { volunteerMatrixFixtures } from '../modules/volunteers/volunteers.testkit.ts';
import { importMatrixFixtures } from '../modules/imports/imports.testkit.ts';
import { activityMatrixFixtures } from '../modules/activities/activities.matrix.ts';
import { certificateMatrixFixtures } from '../modules/certificates/certificates.matrix.ts';
import { recordMatrixFixtures } from '../modules/records/records.matrix.ts';

type Relation =
  'none' | 'self' | 'same' | 'descendant' | 'ancestor' | 'sibling' | 'other_city' | 'other_province';
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

interface Actor {
  name: string;
  role: Role | 'user' | 'anonymous';
  mfa: boolean;
  cookie?: string;
  user?: TestUser;
}

interface Req {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

let t: TestApp;
const actors: Actor[] = [];
const regions = {} as Record<Exclude<Relation, 'none' | 'self'>, string>;
const orgs = {} as Record<Exclude<Relation, 'none' | 'self'>, string>;
let grantee: TestUser;
let holders = 0;

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

/** How to call each route for a relation; null when the relation does not apply to the route. */
const FIXTURES: Record<string, (rel: Relation, actor: Actor) => Promise<Req | null> | Req | null> = {
  ...volunteerMatrixFixtures(() => t, regions, orgs),
  ...importMatrixFixtures(() => t, orgs),
  ...activityMatrixFixtures(
    () => t,
    orgs,
    (actor) => volunteerOf(actor as Actor),
  ),
  ...certificateMatrixFixtures(
    () => t,
    regions,
    orgs,
    (actor) => volunteerOf(actor as Actor),
  ),
  ...recordMatrixFixtures(
    () => t,
    regions,
    orgs,
    (actor) => volunteerOf(actor as Actor),
    async () => (await addVolunteerRecord(t, null)).id,
  ),
  'GET /api/regions': (rel) =>
    rel === 'none' ? { method: 'GET', url: '/api/regions?parent=440300000000' } : null,
  'GET /api/regions/:code': (rel) =>
    rel === 'none' ? { method: 'GET', url: `/api/regions/${NANSHAN}` } : null,
  'POST /api/auth/login': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'grantee', password: 'wrong-password-1' },
        }
      : null,
  // Account claim and forgotten password: public; every actor may ask (the answers say nothing of anyone).
  'POST /api/auth/claim/request': (rel) =>
    rel === 'none'
      ? { method: 'POST', url: '/api/auth/claim/request', payload: { phone: '13900000001' } }
      : null,
  'POST /api/auth/claim/confirm': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/claim/confirm',
          payload: { phone: '13900000001', code: '000000', username: 'claimer', password: 'Whatever-123' },
        }
      : null,
  'POST /api/auth/password-reset/request': (rel) =>
    rel === 'none'
      ? { method: 'POST', url: '/api/auth/password-reset/request', payload: { identifier: 'grantee' } }
      : null,
  'POST /api/auth/password-reset/confirm': (rel) =>
    rel === 'none'
      ? {
          method: 'POST',
          url: '/api/auth/password-reset/confirm',
          payload: { identifier: 'grantee', code: '000000', newPassword: 'Whatever-123' },
        }
      : null,
  'POST /api/auth/logout': () => null, // ends the actor's session: covered in auth.test.ts
  'GET /api/me': (rel) => (rel === 'self' ? { method: 'GET', url: '/api/me' } : null),
  'POST /api/auth/password': (rel) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: 'not-it-123', newPassword: 'Whatever-123' },
        }
      : null,
  'PUT /api/me/locale': (rel) =>
    rel === 'self' ? { method: 'PUT', url: '/api/me/locale', payload: { locale: 'zh-CN' } } : null,
  'POST /api/auth/totp/setup': () => null, // would replace the actor's own authenticator: covered in auth.test.ts
  'POST /api/auth/totp/enable': (rel) =>
    rel === 'self' ? { method: 'POST', url: '/api/auth/totp/enable', payload: { code: '000000' } } : null,
  'POST /api/auth/totp/verify': () => null, // a wrong code counts toward lockout: covered in auth.test.ts
  'GET /api/admin/role-grants': (rel) =>
    rel === 'none' || rel === 'self'
      ? null
      : { method: 'GET', url: `/api/admin/role-grants?region=${regions[rel]}` },
  'POST /api/admin/role-grants': (rel) =>
    rel === 'none' || rel === 'self'
      ? null
      : {
          method: 'POST',
          url: '/api/admin/role-grants',
          payload: { username: 'grantee', role: 'org_admin', scopeType: 'organization', scopeId: orgs[rel] },
        },
  'DELETE /api/admin/role-grants/:id': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const holder = await createUser(t, `holder-${++holders}`);
    const g = await t.handle.db
      .insertInto('role_grants')
      .values({ user_id: holder.id, role: 'region_admin', region_code: regions[rel] })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { method: 'DELETE', url: `/api/admin/role-grants/${g.id}` };
  },
  'GET /api/audit': (rel) => (rel === 'none' ? { method: 'GET', url: '/api/audit' } : null),
  'POST /api/audit/verify': (rel) => (rel === 'none' ? { method: 'POST', url: '/api/audit/verify' } : null),
  'GET /api/organizations/:id': (rel) =>
    rel === 'none' || rel === 'self' ? null : { method: 'GET', url: `/api/organizations/${orgs[rel]}` },
  'PUT /api/organizations/:id/contacts': (rel) =>
    rel === 'none' || rel === 'self'
      ? null
      : {
          method: 'PUT',
          url: `/api/organizations/${orgs[rel]}/contacts`,
          payload: { personInCharge: '矩阵负责人', handlerName: '矩阵经办人', contactName: '矩阵联系人' },
        },
  'POST /api/organizations': (rel) =>
    rel === 'self' ? { method: 'POST', url: '/api/organizations', payload: registration() } : null,
  'GET /api/me/organizations': (rel) =>
    rel === 'self' ? { method: 'GET', url: '/api/me/organizations' } : null,
  'GET /api/organizations': (rel) => regionList('/api/organizations', rel),
  'GET /api/organizations/export.xlsx': (rel) => regionList('/api/organizations/export.xlsx', rel),
  'GET /api/organizations/review-queue': (rel) => regionList('/api/organizations/review-queue', rel),
  'POST /api/organizations/:id/review': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const id = await insertOrganization(t, `待审-${rel}`, regions[rel], { status: 'pending' });
    return { method: 'POST', url: `/api/organizations/${id}/review`, payload: { decision: 'approve' } };
  },
  // A fresh approved organization in the relation's region for each call: dissolution is final.
  'POST /api/organizations/:id/dissolve': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const id = await insertOrganization(t, `待注销-${rel}`, regions[rel]);
    return { method: 'POST', url: `/api/organizations/${id}/dissolve`, payload: { reason: '矩阵测试注销' } };
  },
  'GET /api/organizations/:id/summary': (rel) =>
    rel === 'self' ? { method: 'GET', url: `/api/organizations/${orgs.same}/summary` } : null,
  'GET /api/organizations/:id/tree': (rel) =>
    rel === 'none' || rel === 'self' ? null : { method: 'GET', url: `/api/organizations/${orgs[rel]}/tree` },
  'GET /api/organizations/:id/members': (rel) =>
    rel === 'none' || rel === 'self'
      ? null
      : { method: 'GET', url: `/api/organizations/${orgs[rel]}/members` },
  'POST /api/organizations/:id/members/invite': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const v = await addVolunteerRecord(t, null);
    return {
      method: 'POST',
      url: `/api/organizations/${orgs[rel]}/members/invite`,
      payload: { volunteerNo: v.volunteerNo },
    };
  },
  'POST /api/organizations/:id/members/:membershipId/decision': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const m = await membership(orgs[rel], (await addVolunteerRecord(t, null)).id, 'applied');
    return {
      method: 'POST',
      url: `/api/organizations/${orgs[rel]}/members/${m}/decision`,
      payload: { decision: 'approve' },
    };
  },
  'PATCH /api/organizations/:id/members/:membershipId': async (rel) => {
    if (rel === 'none' || rel === 'self') return null;
    const m = await membership(orgs[rel], (await addVolunteerRecord(t, null)).id, 'active');
    return {
      method: 'PATCH',
      url: `/api/organizations/${orgs[rel]}/members/${m}`,
      payload: { role: 'leader' },
    };
  },
  // The volunteer's own side: each signed-in actor is a volunteer acting on its own memberships, each in a
  // different organization so the one-open-membership rule does not interfere.
  'POST /api/organizations/:id/join': async (rel, actor) => {
    if (rel !== 'self') return null;
    await volunteerOf(actor);
    return { method: 'POST', url: `/api/organizations/${orgs.same}/join` };
  },
  'GET /api/me/memberships': (rel) => (rel === 'self' ? { method: 'GET', url: '/api/me/memberships' } : null),
  'POST /api/me/memberships/:id/accept': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(orgs.descendant, await volunteerOf(actor), 'invited')}/accept`,
        }
      : null,
  'POST /api/me/memberships/:id/decline': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(orgs.sibling, await volunteerOf(actor), 'invited')}/decline`,
        }
      : null,
  'POST /api/me/memberships/:id/leave': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(orgs.other_city, await volunteerOf(actor), 'active')}/leave`,
        }
      : null,
};

/** A region-scoped list: all of the caller's scopes without a region, else narrowed to the relation's. */
function regionList(url: string, rel: Relation): Req | null {
  if (rel === 'self') return null;
  return { method: 'GET', url: rel === 'none' ? url : `${url}?region=${regions[rel]}` };
}

const volunteers = new Map<string, string>();
/** The actor's volunteer record (anonymous gets one without an account, for requests that are refused). */
async function volunteerOf(actor: Actor): Promise<string> {
  if (!volunteers.has(actor.name))
    volunteers.set(actor.name, (await addVolunteerRecord(t, actor.user?.id ?? null)).id);
  return volunteers.get(actor.name)!;
}

async function membership(orgId: string, volunteerId: string, status: 'applied' | 'invited' | 'active') {
  const row = await t.handle.db
    .insertInto('memberships')
    .values({ org_id: orgId, volunteer_id: volunteerId, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
