import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { api, createVolunteer, signUp, type Volunteer } from '../activities/activities.testkit.ts';
import { seedActivity } from '../activities/activities.matrix.ts';
import { insertIssuedCertificate, insertRecord } from '../certificates/certificates.testkit.ts';

/*
 * Dissolution (注销) and who issues certificates afterwards: the successor (following a chain), else the
 * parent, else the region administrators; open requests move with it; the dissolved unit's admins are out.
 */

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
const cookies = {} as Record<'regionNanshan' | 'regionFutian' | 'regionShenzhen' | 'plain', string>;
let volunteer: Volunteer;
const has = (bin: string) => spawnSync(bin, ['-v']).error === undefined;

/**
 * Signed-in accounts that become admins of the organizations below: second-factor checks are limited to
 * 10 a minute, so a few sessions are reused and given a new org_admin grant each time (grants are read per
 * request). Within one test every organization has its own account.
 */
const pool: { id: string; cookie: string }[] = [];
let next = 0;

/** An approved organization with a person in charge and an admin of its own. */
async function org(name: string, region = NANSHAN, parentId?: string) {
  const id = await insertOrganization(t, name, region, parentId ? { parentId } : {});
  await t.handle.db
    .updateTable('organizations')
    .set({ person_in_charge: `${name.slice(0, 2)}负责人` })
    .where('id', '=', id)
    .execute();
  const user = pool[next++ % pool.length]!;
  await t.handle.db
    .insertInto('role_grants')
    .values({ user_id: user.id, role: 'org_admin', org_id: id, region_code: null })
    .execute();
  return { id, name, admin: user.cookie };
}
type Org = Awaited<ReturnType<typeof org>>;

const dissolve = (cookie: string, id: string, body: Record<string, unknown>) =>
  api(t, cookie, 'POST', `/api/organizations/${id}/dissolve`, body);

async function statusOf(id: string) {
  const o = await t.handle.db
    .selectFrom('organizations')
    .select(['status', 'successor_id', 'dissolved_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return o;
}

/** Confirmed records of the volunteer by the organization; returns their total minutes. */
async function recordsOf(o: Org, minutes: number[]) {
  for (const [i, m] of minutes.entries())
    await insertRecord(t, { volunteerId: volunteer.id, orgId: o.id, date: `2026-0${i + 3}-15`, minutes: m });
  return minutes.reduce((a, b) => a + b, 0);
}

const requestFrom = (o: Org) =>
  api(t, volunteer.cookie, 'POST', '/api/me/certificates', { orgId: o.id, scope: 'all' });

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  cookies.regionNanshan = await signIn(
    t,
    await createUser(t, 'dis.nanshan', { role: 'region_admin', region: NANSHAN }),
  );
  cookies.regionFutian = await signIn(
    t,
    await createUser(t, 'dis.futian', { role: 'region_admin', region: FUTIAN }),
  );
  cookies.regionShenzhen = await signIn(
    t,
    await createUser(t, 'dis.shenzhen', { role: 'region_admin', region: '440300000000' }),
  );
  cookies.plain = await signIn(t, await createUser(t, 'dis.plain'));
  volunteer = await createVolunteer(t);
  for (let i = 0; i < 4; i++) {
    const u = await createUser(t, `dis.admin${i}`, { totp: true });
    pool.push({ id: u.id, cookie: await signIn(t, u) });
  }
});
after(() => t.close());

describe('dissolving', () => {
  it('is refused, changing nothing, to the wrong caller or with a wrong successor or reason', async () => {
    const x = await org('南山区拒绝用例服务队');
    const sub = await org('南山区拒绝用例服务队第一分队', NANSHAN, x.id);
    const futian = await org('福田区志愿服务队', FUTIAN);
    const gone = await org('南山区已注销服务队');
    assert.equal((await dissolve(cookies.regionNanshan, gone.id, { reason: '停止运营' })).statusCode, 200);
    const pending = await insertOrganization(t, '南山区待审服务队', NANSHAN, { status: 'pending' });
    const reason = '组织停止运营，已办理注销登记';
    const cases: [string, string, string, Record<string, unknown>, number, string][] = [
      ['its own admin', x.admin, x.id, { reason }, 403, 'FORBIDDEN'],
      ['a plain user', cookies.plain, x.id, { reason }, 403, 'FORBIDDEN'],
      ['a region admin elsewhere', cookies.regionFutian, x.id, { reason }, 404, 'NOT_FOUND'],
      ['no reason', cookies.regionNanshan, x.id, {}, 400, 'DISSOLVE_REASON_REQUIRED'],
      ['a blank reason', cookies.regionNanshan, x.id, { reason: '   ' }, 400, 'DISSOLVE_REASON_REQUIRED'],
      ['itself', cookies.regionNanshan, x.id, { reason, successorId: x.id }, 400, 'SUCCESSOR_SELF'],
      ['a sub-team', cookies.regionNanshan, x.id, { reason, successorId: sub.id }, 400, 'SUCCESSOR_SUBTEAM'],
      [
        'a dissolved one',
        cookies.regionNanshan,
        x.id,
        { reason, successorId: gone.id },
        409,
        'SUCCESSOR_NOT_ACTIVE',
      ],
      [
        'a pending one',
        cookies.regionNanshan,
        x.id,
        { reason, successorId: pending },
        409,
        'SUCCESSOR_NOT_ACTIVE',
      ],
      ['out of scope', cookies.regionNanshan, x.id, { reason, successorId: futian.id }, 403, 'OUT_OF_SCOPE'],
      [
        'unknown',
        cookies.regionNanshan,
        x.id,
        { reason, successorId: crypto.randomUUID() },
        404,
        'NOT_FOUND',
      ],
      ['already dissolved', cookies.regionNanshan, gone.id, { reason }, 409, 'ORG_DISSOLVED'],
      ['not approved', cookies.regionNanshan, pending, { reason }, 409, 'ORG_NOT_APPROVED'],
    ];
    for (const [what, cookie, id, body, status, code] of cases) {
      const res = await dissolve(cookie, id, body);
      assert.equal(res.statusCode, status, `${what}: ${res.body}`);
      assert.equal(res.json().error.code, code, what);
    }
    assert.equal((await statusOf(x.id)).status, 'approved');
    assert.equal((await statusOf(pending)).status, 'pending');
    const ok = (await auditRows(t, 'organization.dissolve')).filter((a) => a.result === 'ok');
    assert.deepEqual(
      ok.map((a) => a.object_id),
      [gone.id],
    );
    // Choosing a successor outside one's scope is audited as a denial.
    assert.ok(
      (await auditRows(t, 'organization.dissolve')).some(
        (a) => a.result === 'denied' && a.details.reason === 'successor_out_of_scope',
      ),
    );
    // A region admin above both regions may name a successor in either.
    const wide = await dissolve(cookies.regionShenzhen, x.id, { reason, successorId: futian.id });
    assert.equal(wide.statusCode, 200, wide.body);
    assert.equal(wide.json().issuerOrgId, futian.id);
  });

  it('without a successor: final, audited, shown in lists, and the team takes no one new', async () => {
    const x = await org('南山区蛇口海上世界服务队');
    const { shiftId } = await seedActivity(t, x.id);
    const draft = await seedActivity(t, x.id, { status: 'draft' });
    const at = t.clock.now().toISOString();
    const res = await dissolve(cookies.regionNanshan, x.id, { reason: '  负责人移居外地，队伍解散  ' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'dissolved');
    assert.equal(res.json().successorId, null);
    // No successor and no parent: the region admins issue.
    assert.equal(res.json().issuerOrgId, null);
    const row = await t.handle.db
      .selectFrom('organizations')
      .selectAll()
      .where('id', '=', x.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.dissolve_reason, '负责人移居外地，队伍解散');
    assert.equal(new Date(row.dissolved_at!).toISOString(), at);
    const audit = (await auditRows(t, 'organization.dissolve')).find(
      (a) => a.object_id === x.id && a.result === 'ok',
    );
    assert.equal(audit?.details.reason, '负责人移居外地，队伍解散');
    assert.equal(audit?.region_code, NANSHAN);

    const detail = await api(t, cookies.regionNanshan, 'GET', `/api/organizations/${x.id}`);
    assert.equal(detail.json().status, 'dissolved');
    assert.equal(detail.json().dissolveReason, '负责人移居外地，队伍解散');
    const list = await api(
      t,
      cookies.regionNanshan,
      'GET',
      '/api/organizations?status=dissolved&pageSize=200',
    );
    assert.ok(list.json().items.some((o: { id: string }) => o.id === x.id));
    // Nothing reopens it: not the API (no such route), not a direct write.
    await assert.rejects(
      t.handle.db.updateTable('organizations').set({ status: 'approved' }).where('id', '=', x.id).execute(),
    );

    const join = await api(t, volunteer.cookie, 'POST', `/api/organizations/${x.id}/join`);
    assert.equal(join.statusCode, 409);
    assert.equal(join.json().error.code, 'ORG_DISSOLVED');
    const signup = await signUp(t, volunteer, shiftId);
    assert.equal(signup.json().error.code, 'ORG_DISSOLVED');
    const publish = await api(t, x.admin, 'POST', `/api/activities/${draft.activityId}/publish`);
    assert.equal(publish.json().error.code, 'ORG_DISSOLVED');
    const summary = await api(t, volunteer.cookie, 'GET', `/api/organizations/${x.id}/summary`);
    assert.equal(summary.statusCode, 404);
  });
});

describe('certificates after dissolution', () => {
  it('go to the successor, which issues them naming the original unit; the old admins are out', async () => {
    const x = await org('南山区粤海街道志愿服务队');
    const y = await org('南山区粤海街道志愿者协会');
    const total = await recordsOf(x, [150, 240, 95]);
    // Issued by X before it was dissolved: stays X's certificate, now handled (revocable) by Y.
    const before = await insertIssuedCertificate(t, volunteer.id, x.id);
    const res = await dissolve(cookies.regionNanshan, x.id, {
      reason: '与粤海街道志愿者协会合并',
      successorId: y.id,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().issuerOrgId, y.id);
    assert.equal(res.json().movedCertificates, 1);
    const detail = await api(t, cookies.regionNanshan, 'GET', `/api/organizations/${x.id}`);
    assert.equal(detail.json().successorName, y.name);
    const rows = await api(
      t,
      cookies.regionNanshan,
      'GET',
      `/api/organizations?q=${encodeURIComponent(x.name)}`,
    );
    assert.equal(rows.json().items[0].successorName, y.name);

    // The volunteer still asks the recording unit, and is told who issues now.
    const sources = await api(t, volunteer.cookie, 'GET', '/api/me/certificates/sources');
    const fromX = sources.json().items.find((i: { orgId: string }) => i.orgId === x.id);
    assert.deepEqual([fromX.dissolved, fromX.issuedBy], [true, y.name]);
    const req = await requestFrom(x);
    assert.equal(req.statusCode, 200, req.body);
    const id = req.json().id;
    assert.equal(req.json().orgId, x.id);
    assert.equal(req.json().issuerOrgId, y.id);
    assert.equal(req.json().recordingOrgDissolved, true);
    const queueY = await api(t, y.admin, 'GET', `/api/organizations/${y.id}/certificates?status=requested`);
    assert.deepEqual(
      queueY.json().items.map((c: { id: string }) => c.id),
      [id],
    );
    const queueX = await api(t, x.admin, 'GET', `/api/organizations/${x.id}/certificates`);
    assert.equal(queueX.json().total, 0);
    for (const [path, body] of [
      ['issue', {}],
      ['reject', { reason: '不是我的' }],
    ] as const) {
      const denied = await api(t, x.admin, 'POST', `/api/certificates/${id}/${path}`, body);
      assert.equal(denied.statusCode, 404, path);
      assert.equal(denied.json().error.code, 'NOT_FOUND');
    }
    assert.equal(
      (await api(t, x.admin, 'POST', `/api/certificates/${before.id}/revoke`, { reason: '旧管理员撤销' }))
        .statusCode,
      404,
    );
    // Y prints its own name and person in charge, not made-up ones.
    const forged = await api(t, y.admin, 'POST', `/api/certificates/${id}/issue`, { issuerName: '别的单位' });
    assert.equal(forged.json().error.code, 'CERT_ISSUER_FIELDS');

    const issued = await api(t, y.admin, 'POST', `/api/certificates/${id}/issue`, {});
    assert.equal(issued.statusCode, 200, issued.body);
    const c = issued.json();
    assert.equal(c.issuerName, y.name);
    assert.equal(c.personInCharge, '南山负责人');
    assert.equal(c.originalUnitName, x.name);
    assert.equal(c.recordCount, 3);
    assert.equal(c.totalMinutes, total);
    const frozen = await t.handle.db
      .selectFrom('certificates')
      .select(['record_ids', 'total_minutes', 'org_id', 'issued_by_org_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const sum = await t.handle.db
      .selectFrom('service_records')
      .select((eb) => eb.fn.sum<number>('minutes').as('m'))
      .where('id', 'in', frozen.record_ids!)
      .where('org_id', '=', x.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(sum.m), frozen.total_minutes);
    assert.equal(frozen.org_id, x.id);
    assert.equal(frozen.issued_by_org_id, y.id);

    const verify = await api(t, undefined, 'GET', `/api/certificates/${c.number}/verify`);
    assert.equal(verify.json().issuerName, y.name);
    assert.equal(verify.json().originalUnitName, x.name);
    assert.equal(verify.json().valid, true);
    const old = await api(t, undefined, 'GET', `/api/certificates/${before.number}/verify`);
    assert.equal(old.json().originalUnitName, null);

    const pdf = await api(t, volunteer.cookie, 'GET', `/api/me/certificates/${id}/pdf`);
    assert.equal(pdf.statusCode, 200);
    if (has('pdftotext')) {
      const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf.rawPayload }).stdout.toString();
      const flat = text.replace(/\s+/g, '');
      assert.ok(flat.includes(`原记录单位：${x.name}（已注销）`), flat);
      assert.ok(flat.includes(`本证明由${y.name}出具`), flat);
      assert.ok(flat.includes(`出具单位：${y.name}`), flat);
    }
    // Y now handles X's earlier certificate too.
    const revoked = await api(t, y.admin, 'POST', `/api/certificates/${before.id}/revoke`, {
      reason: '原单位出具有误，由继任组织撤销',
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
  });

  it('move an open request made before the dissolution to the new issuer', async () => {
    const x = await org('南山区招商街道青年服务队');
    const y = await org('南山区招商街道志愿服务总队');
    await recordsOf(x, [60, 30]);
    const req = await requestFrom(x);
    assert.equal(req.json().issuerOrgId, x.id);
    const res = await dissolve(cookies.regionNanshan, x.id, { reason: '并入总队', successorId: y.id });
    assert.equal(res.json().movedRequests, 1);
    const audit = (await auditRows(t, 'organization.dissolve')).find(
      (a) => a.object_id === x.id && a.result === 'ok',
    );
    assert.equal(audit?.details.movedRequests, 1);
    assert.equal(audit?.details.successorId, y.id);
    assert.equal(
      (await api(t, x.admin, 'POST', `/api/certificates/${req.json().id}/issue`, {})).statusCode,
      404,
    );
    const issued = await api(t, y.admin, 'POST', `/api/certificates/${req.json().id}/issue`, {});
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal(issued.json().totalMinutes, 90);
    assert.equal(issued.json().originalUnitName, x.name);
  });

  it('follow a chain of successors: X → Y, Y later dissolved → Z', async () => {
    const x = await org('南山区西丽街道环保服务队');
    const y = await org('南山区西丽街道志愿服务中心');
    const z = await org('南山区志愿者联合会');
    await recordsOf(x, [120]);
    await dissolve(cookies.regionNanshan, x.id, { reason: '并入中心', successorId: y.id });
    const open = await requestFrom(x);
    assert.equal(open.json().issuerOrgId, y.id);
    const res = await dissolve(cookies.regionNanshan, y.id, { reason: '中心撤并', successorId: z.id });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().movedRequests, 1);
    assert.equal((await statusOf(x.id)).successor_id, y.id);
    // Y's admins are out too; Z issues X's certificate.
    assert.equal(
      (await api(t, y.admin, 'POST', `/api/certificates/${open.json().id}/issue`, {})).statusCode,
      404,
    );
    const issued = await api(t, z.admin, 'POST', `/api/certificates/${open.json().id}/issue`, {});
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal(issued.json().issuerName, z.name);
    assert.equal(issued.json().originalUnitName, x.name);
    // A new request after both dissolutions goes straight to Z.
    await insertRecord(t, { volunteerId: volunteer.id, orgId: x.id, date: '2026-09-01', minutes: 45 });
    const again = await api(t, volunteer.cookie, 'POST', '/api/me/certificates', {
      orgId: x.id,
      scope: 'period',
      from: '2026-09-01',
      to: '2026-09-30',
    });
    assert.equal(again.json().issuerOrgId, z.id);
  });

  it('without a successor go to the parent organization', async () => {
    const p = await org('南山区蛇口街道志愿服务总队');
    const sub = await org('南山区蛇口街道志愿服务总队渔港分队', NANSHAN, p.id);
    await recordsOf(sub, [200]);
    const res = await dissolve(cookies.regionNanshan, sub.id, { reason: '分队撤销' });
    assert.equal(res.json().issuerOrgId, p.id);
    const req = await requestFrom(sub);
    assert.equal(req.json().issuerOrgId, p.id);
    assert.equal(
      (await api(t, sub.admin, 'POST', `/api/certificates/${req.json().id}/issue`, {})).statusCode,
      404,
    );
    const issued = await api(t, p.admin, 'POST', `/api/certificates/${req.json().id}/issue`, {});
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal(issued.json().issuerName, p.name);
    assert.equal(issued.json().originalUnitName, sub.name);
  });

  it('with no successor and no parent are issued by the region admins themselves', async () => {
    const x = await org('南山区桃源街道夕阳红服务队');
    await recordsOf(x, [75, 45]);
    await dissolve(cookies.regionNanshan, x.id, { reason: '队伍解散' });
    const sources = await api(t, volunteer.cookie, 'GET', '/api/me/certificates/sources');
    const fromX = sources.json().items.find((i: { orgId: string }) => i.orgId === x.id);
    assert.deepEqual([fromX.dissolved, fromX.issuedBy], [true, null]);
    const req = await requestFrom(x);
    assert.equal(req.statusCode, 200, req.body);
    const id = req.json().id;
    assert.equal(req.json().issuerOrgId, null);
    const queue = await api(
      t,
      cookies.regionNanshan,
      'GET',
      '/api/certificates/region-queue?status=requested',
    );
    assert.equal(queue.statusCode, 200, queue.body);
    assert.ok(queue.json().items.some((c: { id: string }) => c.id === id));
    const far = await api(t, cookies.regionFutian, 'GET', '/api/certificates/region-queue');
    assert.ok(!far.json().items.some((c: { id: string }) => c.id === id));
    assert.equal((await api(t, x.admin, 'POST', `/api/certificates/${id}/issue`, {})).statusCode, 404);
    assert.equal(
      (
        await api(t, cookies.regionFutian, 'POST', `/api/certificates/${id}/issue`, {
          personInCharge: '某人',
        })
      ).statusCode,
      404,
    );
    const noChief = await api(t, cookies.regionNanshan, 'POST', `/api/certificates/${id}/issue`, {});
    assert.equal(noChief.statusCode, 400);
    assert.equal(noChief.json().error.code, 'CERT_PERSON_IN_CHARGE_REQUIRED');
    const issued = await api(t, cookies.regionShenzhen, 'POST', `/api/certificates/${id}/issue`, {
      personInCharge: '陈主任',
    });
    assert.equal(issued.statusCode, 200, issued.body);
    assert.equal(issued.json().issuerName, '深圳市志愿服务主管部门');
    assert.equal(issued.json().personInCharge, '陈主任');
    assert.equal(issued.json().originalUnitName, x.name);
    assert.equal(issued.json().totalMinutes, 120);
  });

  it('of a dissolved parent without successor or parent of its own: the region admins again', async () => {
    const p = await org('南山区南头街道志愿服务总队');
    const sub = await org('南山区南头街道志愿服务总队城墙分队', NANSHAN, p.id);
    await dissolve(cookies.regionNanshan, p.id, { reason: '总队撤销' });
    await recordsOf(sub, [30]);
    const res = await dissolve(cookies.regionNanshan, sub.id, { reason: '分队随总队撤销' });
    assert.equal(res.json().issuerOrgId, null);
    const req = await requestFrom(sub);
    assert.equal(req.json().issuerOrgId, null);
    assert.equal(
      (await api(t, p.admin, 'POST', `/api/certificates/${req.json().id}/issue`, {})).statusCode,
      404,
    );
  });
});
