/**
 * One answer for "not yours" and "not there": a route naming an object by id in its path answers a caller
 * outside the object's scope exactly as it answers an id that does not exist, for every kind of object,
 * and the refusal is audited naming the object. Scopes named in the query stay 403 OUT_OF_SCOPE.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { seedActivity } from '../activities/activities.matrix.ts';
import { insertRequest } from '../certificates/certificates.testkit.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { seedRecord } from '../records/records.matrix.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let futianAdmin: TestUser;
let futian: string;
let nanshanAdmin: string;
/** For each kind: the route, and an object of that kind in Nanshan. */
const kinds: {
  object: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  id: string;
  payload?: object;
}[] = [];

before(async () => {
  t = await startTestApp();
  futianAdmin = await createUser(t, 'acc.futian', { role: 'region_admin', region: FUTIAN });
  futian = await signIn(t, futianAdmin);
  nanshanAdmin = await signIn(
    t,
    await createUser(t, 'acc.nanshan', { role: 'region_admin', region: NANSHAN }),
  );
  const org = await createOrganization(t, '南山区访问测试队', NANSHAN);
  const volunteer = await addVolunteerRecord(t, null, { region: NANSHAN });
  const activity = await seedActivity(t, org);
  const record = await seedRecord(t, org, volunteer.id, 'pending');
  const certificate = await insertRequest(t, volunteer.id, org);
  const creator = await createUser(t, 'acc.creator');
  const job = await t.handle.db
    .insertInto('import_jobs')
    .values({ kind: 'volunteers', org_id: org, file_sha256: 'x', status: 'invalid', created_by: creator.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const grant = await t.handle.db
    .insertInto('role_grants')
    .values({ user_id: (await createUser(t, 'acc.holder')).id, role: 'org_admin', org_id: org })
    .returning('id')
    .executeTakeFirstOrThrow();
  kinds.push(
    { object: 'organization', method: 'GET', path: '/api/organizations/:id', id: org },
    { object: 'organization', method: 'GET', path: '/api/organizations/:id/members', id: org },
    { object: 'activity', method: 'GET', path: '/api/activities/:id/manage', id: activity.activityId },
    { object: 'activity', method: 'GET', path: '/api/activities/:id/records', id: activity.activityId },
    {
      object: 'service_record',
      method: 'POST',
      path: '/api/records/:id/decision',
      id: record.recordId,
      payload: { decision: 'approve' },
    },
    {
      object: 'certificate',
      method: 'POST',
      path: '/api/certificates/:id/reject',
      id: certificate,
      payload: { reason: '不在我的辖区' },
    },
    {
      object: 'certificate',
      method: 'POST',
      path: '/api/certificates/:id/issue',
      id: certificate,
      payload: {},
    },
    { object: 'import_job', method: 'GET', path: '/api/imports/:id', id: job.id },
    { object: 'role_grant', method: 'DELETE', path: '/api/admin/role-grants/:id', id: grant.id },
    { object: 'volunteer', method: 'GET', path: '/api/volunteers/:id', id: volunteer.id },
  );
});
after(() => t.close());

function call(cookie: string, k: (typeof kinds)[number], id: string) {
  return t.app.inject({
    method: k.method,
    url: k.path.replace(':id', id),
    headers: { cookie },
    ...(k.payload ? { payload: k.payload } : {}),
  });
}

/** Everything a client sees, but the date and the request's own id. */
function seen(res: Awaited<ReturnType<typeof call>>) {
  const headers = { ...res.headers };
  delete headers.date;
  delete headers['x-request-id'];
  return { status: res.statusCode, headers, body: res.body };
}

describe('a by-id route outside the caller’s scope', () => {
  it('answers exactly what an unknown id answers, for every kind of object', async () => {
    for (const k of kinds) {
      const outside = seen(await call(futian, k, k.id));
      const unknown = seen(await call(futian, k, randomUUID()));
      assert.equal(outside.status, 404, `${k.path}: ${outside.body}`);
      assert.deepEqual(outside, unknown, k.path);
      // In scope, the same object is found (the 404 above is the scope's, not a missing fixture).
      const inside = await call(nanshanAdmin, k, k.id);
      assert.notEqual(inside.statusCode, 404, `${k.path} in scope: ${inside.body}`);
    }
  });

  it('is audited as a denial naming the object', async () => {
    for (const k of kinds) {
      const row = await t.handle.db
        .selectFrom('audit_log')
        .select(['details', 'result'])
        .where('action', '=', 'authz.denied')
        .where('actor_id', '=', futianAdmin.id)
        .where('object_type', '=', k.object)
        .where('object_id', '=', k.id)
        .executeTakeFirst();
      assert.ok(row, `${k.path}: no denial row`);
      assert.equal(row.result, 'denied');
      assert.equal(row.details.reason, 'scope');
    }
  });

  it('while a region or organization named in the query is refused with 403 OUT_OF_SCOPE', async () => {
    const org = kinds[0]!.id;
    for (const url of [`/api/organizations?region=${NANSHAN}`, `/api/imports?orgId=${org}`]) {
      const res = await t.app.inject({ url, headers: { cookie: futian } });
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().error.code, 'OUT_OF_SCOPE', url);
    }
  });
});
