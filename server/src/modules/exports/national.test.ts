import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api, createOrganizer, createVolunteer } from '../activities/activities.testkit.ts';
import { seedRecord } from '../records/records.matrix.ts';
import { readFileSync } from 'node:fs';
import { encrypt } from '../../lib/crypto.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import {
  insertIssuedCertificate,
  insertRecord,
  insertRequest,
} from '../certificates/certificates.testkit.ts';
import { NATIONAL_CODES } from './national.codes.ts';

let t: TestApp;
let admin: string;
let orgId: string;

before(async () => {
  t = await startTestApp();
  orgId = (await createOrganizer(t)).orgId;
  admin = await signIn(t, await createUser(t, 'nat.ns', { role: 'region_admin', region: '440305000000' }));
});
after(() => t.close());

const get = (q: string) => api(t, admin, 'GET', `/api/exports/national?region=440305000000&${q}`);

describe('national export', () => {
  it('one line per (volunteer, activity, date), summed; re-exporting gives the same lines; ack sets the sync status', async () => {
    const v = await createVolunteer(t);
    const a = await seedRecord(t, orgId, v.id, 'confirmed');
    // A second confirmed record of the same activity and day folds into the same line.
    const day = (
      await t.handle.db
        .selectFrom('service_records')
        .select('service_date')
        .where('id', '=', a.recordId)
        .executeTakeFirstOrThrow()
    ).service_date;
    await t.handle.db
      .insertInto('service_records')
      .values({
        kind: 'backfill',
        volunteer_id: v.id,
        org_id: orgId,
        activity_id: a.activityId,
        service_date: day,
        activity_title: '矩阵测试活动',
        place: '南山区',
        content: '第二班',
        person_in_charge: '负责人',
        minutes: 30,
        reason: '第二班',
        status: 'confirmed',
        decided_at: new Date(),
      })
      .execute();
    await seedRecord(t, orgId, v.id, 'draft', 'attendance'); // drafts are not exported
    const first = await get('kind=records&format=jsonl');
    assert.equal(first.statusCode, 200, first.body);
    const lines = first.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const mine = lines.filter((l) => l.activityKey === a.activityId);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].hours, 1.5);
    assert.equal(mine[0].syncStatus, 'pending');
    assert.equal((await get('kind=records&format=jsonl')).body, first.body);
    const ack = await api(t, admin, 'POST', '/api/exports/national/ack', {
      region: '440305000000',
      status: 'synced',
      keys: [
        { volunteerNo: mine[0].volunteerNo, activityKey: a.activityId, serviceDate: mine[0].serviceDate },
      ],
    });
    assert.deepEqual(ack.json(), { records: 2 });
    const pending = (await get('kind=records&pending=true')).body;
    assert.ok(!pending.includes(a.activityId));
    assert.equal((await auditRows(t, 'national.export')).length >= 3, true);
  });

  it('pages with a cursor, writes safe CSV, and stays inside the region', async () => {
    for (let i = 0; i < 3; i++) await createVolunteer(t);
    const p1 = await get('kind=volunteers&limit=2');
    const next = p1.headers['x-next-cursor'] as string;
    assert.ok(next);
    const p2 = await get(`kind=volunteers&limit=2&after=${encodeURIComponent(next)}`);
    const a = p1.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).volunteerNo);
    const b = p2.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).volunteerNo);
    assert.equal(new Set([...a, ...b]).size, a.length + b.length);
    const csv = await get('kind=organizations&format=csv');
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFForgId,name,uscc'));
    const other = await api(t, admin, 'GET', '/api/exports/national?region=440304000000&kind=records');
    assert.equal(other.statusCode, 403);
  });
});

const jsonl = (body: string) =>
  body
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A valid USCC (GB 32100 check character) for a test host unit. */
const HOST_USCC = '53440305MJ00001239';

describe('national export: every kind, national codes, the unit named', () => {
  it('exports training, award and evaluation records, each with its national record kind', async () => {
    const v = await createVolunteer(t);
    const by = (await t.handle.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
    const common = { volunteer_id: v.id, org_id: orgId, created_by: by };
    const training = await t.handle.db
      .insertInto('training_records')
      .values({
        ...common,
        name: '急救培训',
        content: '心肺复苏',
        minutes: 90,
        host: '红十字会',
        training_date: '2026-04-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const award = await t.handle.db
      .insertInto('award_records')
      .values({
        ...common,
        name: '优秀志愿者',
        award_date: '2026-05-01',
        grantor: '南山区文明办',
        grant_type: 'government',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const evaluation = await t.handle.db
      .insertInto('evaluation_records')
      .values({
        ...common,
        quality: 'excellent',
        stars: 5,
        evaluation_date: '2026-06-01',
        comment: '认真负责',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await get('kind=personRecords&format=jsonl');
    assert.equal(res.statusCode, 200, res.body);
    const lines = jsonl(res.body);
    const t1 = lines.find((l) => l.key === `training|${training.id}`)!;
    assert.equal(t1.recordKind, NATIONAL_CODES.recordKind.training);
    assert.equal(t1.hours, 1.5);
    assert.equal(t1.name, '急救培训');
    const a1 = lines.find((l) => l.key === `award|${award.id}`)!;
    assert.equal(a1.recordKind, NATIONAL_CODES.recordKind.award);
    assert.equal(a1.grantType, NATIONAL_CODES.grantType.government);
    const e1 = lines.find((l) => l.key === `evaluation|${evaluation.id}`)!;
    assert.equal(e1.recordKind, NATIONAL_CODES.recordKind.evaluation);
    assert.equal(e1.quality, NATIONAL_CODES.quality.excellent);
    assert.equal(e1.stars, 5);
    for (const l of [t1, a1, e1]) assert.equal(l.orgName, (lines[0] as { orgName: string }).orgName);
    // Service-hour lines say what they are too.
    assert.ok(
      jsonl((await get('kind=records')).body).every(
        (l) => l.recordKind === NATIONAL_CODES.recordKind.service,
      ),
    );
    // Paged like every kind.
    const p1 = await get('kind=personRecords&limit=2');
    const next = p1.headers['x-next-cursor'] as string;
    const p2 = jsonl((await get(`kind=personRecords&limit=2&after=${encodeURIComponent(next)}`)).body);
    assert.ok(p2.length >= 1 && !jsonl(p1.body).some((l) => p2.some((m) => m.key === l.key)));
  });

  it('exports issued and revoked certificates with their verification address, never open requests', async () => {
    const v = await createVolunteer(t);
    await insertRecord(t, { volunteerId: v.id, orgId, date: '2026-07-01', minutes: 125 });
    const issued = await insertIssuedCertificate(t, v.id, orgId);
    const w = await createVolunteer(t);
    await insertRecord(t, { volunteerId: w.id, orgId, date: '2026-07-02', minutes: 60 });
    const revoked = await insertIssuedCertificate(t, w.id, orgId, { status: 'revoked' });
    const open = await insertRequest(t, w.id, orgId);
    const res = await get('kind=certificates&format=jsonl');
    assert.equal(res.statusCode, 200, res.body);
    const lines = jsonl(res.body);
    const i = lines.find((l) => l.number === issued.number)!;
    assert.equal(i.status, NATIONAL_CODES.certificateStatus.issued);
    assert.equal(i.scope, NATIONAL_CODES.certificateScope.all);
    assert.equal(i.hours, 2.08);
    assert.equal(i.recordCount, 1);
    assert.equal(i.verifyUrl, `${t.config.publicUrl}/verify/${issued.number}`);
    assert.equal(
      lines.find((l) => l.number === revoked.number)!.status,
      NATIONAL_CODES.certificateStatus.revoked,
    );
    assert.ok(!res.body.includes(open));
    const csv = await get('kind=certificates&format=csv');
    assert.ok(csv.body.startsWith('\uFEFFnumber,volunteerNo,status'));
  });

  it('writes national codes for categories, document types, genders, types and statuses, never internal slugs', async () => {
    const v = await createVolunteer(t);
    await t.handle.db
      .updateTable('volunteers')
      .set({
        gender: 'female',
        doc_type: 'hk_residence_permit',
        doc_number_enc: encrypt(t.config.appKey, 'H1234567801'),
      })
      .where('id', '=', v.id)
      .execute();
    await seedRecord(t, orgId, v.id, 'confirmed');
    const vols = jsonl((await get('kind=volunteers&limit=10000')).body);
    const mine = vols.find((l) => l.docNumber === 'H1234567801')!;
    assert.equal(mine.docType, NATIONAL_CODES.docType.hk_residence_permit);
    assert.equal(mine.gender, NATIONAL_CODES.gender.female);
    assert.equal(mine.verificationStatus, NATIONAL_CODES.verificationStatus.verified);
    const acts = jsonl((await get('kind=activities&limit=10000')).body);
    assert.ok(acts.length > 0);
    for (const a of acts) {
      assert.equal(a.category, NATIONAL_CODES.category.community);
      assert.equal(a.status, NATIONAL_CODES.activityStatus.published);
    }
    const orgs = jsonl((await get('kind=organizations&limit=10000')).body);
    assert.ok(orgs.every((o) => Object.values(NATIONAL_CODES.orgStatus).includes(o.status as never)));
    assert.ok(orgs.every((o) => Object.values(NATIONAL_CODES.orgType).includes(o.orgType as never)));
    // No internal name slips through in any kind.
    for (const kind of [
      'volunteers',
      'organizations',
      'activities',
      'records',
      'personRecords',
      'certificates',
    ]) {
      const body = (await get(`kind=${kind}&limit=10000`)).body;
      for (const slug of [
        '"community"',
        '"mainland_id"',
        '"hk_residence_permit"',
        '"female"',
        '"approved"',
        '"published"',
        '"other"',
        '"verified"',
        '"issued"',
      ])
        assert.ok(!body.includes(slug), `${slug} in ${kind}`);
    }
  });

  it('names an unregistered team by its host unit and the host unit’s USCC', async () => {
    const team = await insertOrganization(t, '南山区蛇口街道某小区志愿队', '440305000000');
    await t.handle.db
      .updateTable('organizations')
      .set({ org_type: 'unregistered_team', host_unit: '蛇口街道某社区居委会', host_unit_uscc: HOST_USCC })
      .where('id', '=', team)
      .execute();
    const v = await createVolunteer(t);
    const a = await seedRecord(t, team, v.id, 'confirmed');
    const rec = jsonl((await get('kind=records&limit=10000')).body).find(
      (l) => l.activityKey === a.activityId,
    )!;
    assert.equal(rec.orgName, '南山区蛇口街道某小区志愿队');
    assert.equal(rec.orgUscc, null);
    assert.equal(rec.hostUnitName, '蛇口街道某社区居委会');
    assert.equal(rec.hostUnitUscc, HOST_USCC);
    const act = jsonl((await get('kind=activities&limit=10000')).body).find(
      (l) => l.activityId === a.activityId,
    )!;
    assert.equal(act.hostUnitUscc, HOST_USCC);
    const org = jsonl((await get('kind=organizations&limit=10000')).body).find((l) => l.orgId === team)!;
    assert.equal(org.orgType, NATIONAL_CODES.orgType.unregistered_team);
    assert.equal(org.hostUnitUscc, HOST_USCC);
  });

  it('documents every code table in docs/national-export.md', () => {
    const doc = readFileSync(new URL('../../../../docs/national-export.md', import.meta.url), 'utf8');
    for (const [table, codes] of Object.entries(NATIONAL_CODES)) {
      assert.ok(doc.includes(`#### \`${table}\``), `a section for ${table}`);
      for (const [value, code] of Object.entries(codes))
        assert.match(
          doc,
          new RegExp(`\\| \`${value}\` \\|[^\\n]*\\| \`${code}\` \\|`),
          `${table}.${value} → ${code}`,
        );
    }
  });
});
