import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { parseDay, parseHours } from './imports.records.ts';
import {
  idFor,
  importFile,
  RECORD_HEADER,
  RECORD_REASON,
  titledXlsx,
  VOLUNTEER_HEADER,
  volunteerRow,
  xlsx,
  type CellValue,
} from './imports.testkit.ts';

const NANSHAN = '440305000000';

let t: TestApp;
let team: string;
let uploader: string;
let second: string;
let regional: string;
let people: { id: string; volunteerNo: string }[];
const docNumber = idFor(9100);
let docPerson: string;

before(async () => {
  t = await startTestApp();
  team = await insertOrganization(t, '南山时长队', NANSHAN);
  uploader = await signIn(t, await createUser(t, 'hr.a', { role: 'org_admin', orgId: team }));
  second = await signIn(t, await createUser(t, 'hr.b', { role: 'org_admin', orgId: team }));
  regional = await signIn(t, await createUser(t, 'hr.r', { role: 'region_admin', region: NANSHAN }));
  people = [];
  for (let i = 0; i < 4; i++) people.push(await addVolunteerRecord(t, null));
  // One person registered by an import, so a row can name them by document.
  const registered = await importFile(
    t,
    uploader,
    'volunteers',
    team,
    await xlsx(VOLUNTEER_HEADER, [volunteerRow(1, { 2: docNumber })]),
  );
  assert.equal(registered.status, 'done');
  docPerson = (
    await t.handle.db
      .selectFrom('volunteers')
      .select('id')
      .where('name', '=', '测试1')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

/** A row in RECORD_HEADER order for volunteer number `no`; override cells by index. */
function row(
  no: string,
  date: string,
  title: string,
  hours: CellValue,
  over: Record<number, CellValue> = {},
) {
  const r: CellValue[] = [no, '', '', '', date, title, '南山区科技园', '社区探访', '', hours, '李队长'];
  for (const [i, v] of Object.entries(over)) r[Number(i)] = v;
  return r;
}

const entries = (jobId?: string) => {
  let q = t.handle.db
    .selectFrom('service_records')
    .select([
      'volunteer_id',
      'kind',
      'status',
      'minutes',
      'reason',
      'import_job_id',
      'activity_title',
      'decided_by',
      sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('day'),
    ])
    .where('kind', '=', 'import');
  if (jobId) q = q.where('import_job_id', '=', jobId);
  return q.orderBy('seq').execute();
};

async function totalsReconcile() {
  const r = await sql<{ volunteer_id: string; sum: number; total: number }>`
    SELECT t.volunteer_id, coalesce((SELECT sum(minutes) FROM service_records r
      WHERE r.volunteer_id = t.volunteer_id AND r.status = 'confirmed'), 0)::int AS sum, t.minutes::int AS total
    FROM volunteer_totals t`.execute(t.handle.db);
  for (const x of r.rows) assert.equal(x.sum, x.total, `totals of ${x.volunteer_id}`);
  return r.rows.length;
}

const decide = (cookie: string, jobId: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/imports/${jobId}/decision`, headers: { cookie }, payload: body });

test('cells: dates in the usual spellings, hours with up to two decimals within 0–24', () => {
  assert.equal(parseDay('2026-3-5'), '2026-03-05');
  assert.equal(parseDay('2026/03/05'), '2026-03-05');
  assert.equal(parseDay('2026年3月5日'), '2026-03-05');
  assert.equal(parseDay(new Date(Date.UTC(2026, 1, 28))), '2026-02-28');
  for (const bad of ['2026-02-30', '26-3-5', '1989-12-31', 'yesterday', ''])
    assert.equal(parseDay(bad), undefined, bad);
  assert.equal(parseHours('2.5'), 150);
  assert.equal(parseHours('2.25'), 135);
  assert.equal(parseHours('3小时'), 180);
  assert.equal(parseHours('24'), 1440);
  assert.equal(parseHours('2.2999999999999998'), 138);
  for (const bad of ['0', '0.001', '24.5', '2.555', '-1', '2,5', 'abc', ''])
    assert.equal(parseHours(bad), undefined, bad);
});

test('a sheet of hours becomes pending entries of the batch; the uploader cannot approve it, a second admin can', async () => {
  const [a, b] = people;
  const file = await xlsx(RECORD_HEADER, [
    row(a!.volunteerNo, '2026-10-18', '长者探访', '2.5', { 8: '探访员' }),
    row(b!.volunteerNo, '2026/10/18', '长者探访', 3),
    [
      '',
      '居民身份证',
      docNumber,
      '测试1',
      '2026-10-25',
      '深圳湾净滩',
      '深圳湾公园',
      '清理垃圾',
      '',
      '1.75',
      '王老师',
    ],
  ]);
  const auditBefore = (await auditRows(t)).length;
  const job = await importFile(t, uploader, 'records', team, file);
  assert.equal(job.status, 'done', JSON.stringify(job.errors));
  assert.deepEqual([job.totalRows, job.created, job.skipped], [3, 3, 0]);
  const rows = await entries();
  assert.deepEqual(
    rows.map((r) => [r.volunteer_id, r.day, r.minutes, r.status, r.reason]),
    [
      [a!.id, '2026-10-18', 150, 'pending', RECORD_REASON],
      [b!.id, '2026-10-18', 180, 'pending', RECORD_REASON],
      [docPerson, '2026-10-25', 105, 'pending', RECORD_REASON],
    ],
  );
  const jobId = rows[0]!.import_job_id!;
  // Pending entries count nowhere yet.
  assert.equal(
    (await t.handle.db.selectFrom('volunteer_totals').selectAll().where('volunteer_id', '=', a!.id).execute())
      .length,
    0,
  );

  const own = await decide(uploader, jobId, { decision: 'approve' });
  assert.equal(own.statusCode, 403);
  assert.equal(own.json().error.code, 'RECORD_SELF_APPROVAL');
  assert.equal((await entries(jobId)).filter((r) => r.status === 'pending').length, 3);

  const seen = await t.app.inject({ url: `/api/imports/${jobId}`, headers: { cookie: second } });
  assert.equal(seen.statusCode, 200);
  assert.deepEqual(seen.json().records, { pending: 3, confirmed: 0, rejected: 0 });
  assert.equal(seen.json().createdByMe, false);
  assert.equal(seen.json().reason, RECORD_REASON);

  const ok = await decide(second, jobId, { decision: 'approve' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { confirmed: 3, rejected: 0, leftPending: 0 });
  assert.ok((await entries(jobId)).every((r) => r.status === 'confirmed' && r.decided_by !== null));
  await totalsReconcile();
  const card = await t.handle.db
    .selectFrom('volunteer_year_totals')
    .select('minutes')
    .where('volunteer_id', '=', a!.id)
    .where('year', '=', 2026)
    .executeTakeFirstOrThrow();
  assert.equal(Number(card.minutes), 150);

  const again = await decide(second, jobId, { decision: 'approve' });
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'IMPORT_NOTHING_PENDING');
  const audit = (await auditRows(t)).slice(auditBefore).map((x) => x.action);
  assert.deepEqual(audit, ['import.upload', 'import.commit', 'record.import_decide']);

  // The same sheet again adds nothing; one more row adds one.
  const same = await importFile(t, uploader, 'records', team, file);
  assert.deepEqual([same.status, same.created, same.skipped], ['done', 0, 3]);
  const more = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(RECORD_HEADER, [
      row(a!.volunteerNo, '2026-10-18', '长者探访', '2.5'),
      row(a!.volunteerNo, '2026-10-19', '长者探访', '2'),
    ]),
  );
  assert.deepEqual([more.status, more.created, more.skipped], ['done', 1, 1]);
  assert.equal((await entries()).length, 4);
});

test('every bad row is reported with its column, and nothing is written', async () => {
  const [a, b, c] = people;
  // c already served 20 hours on 2026-09-01 (confirmed through an import).
  const first = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(RECORD_HEADER, [row(c!.volunteerNo, '2026-09-01', '通宵值守', '20')]),
  );
  const firstJob = (await entries()).at(-1)!.import_job_id!;
  assert.equal(first.created, 1);
  assert.equal((await decide(regional, firstJob, { decision: 'approve' })).statusCode, 200);
  const before = (await entries()).length;
  const file = await xlsx(RECORD_HEADER, [
    row('44030500000000', '2026-10-01', '活动甲', '2'), // 2: nobody with that number
    row(a!.volunteerNo, '2026-10-01', '活动甲', '2', { 3: '别人' }), // 3: name differs
    row(a!.volunteerNo, '2026-12-31', '活动甲', '2'), // 4: in the future
    row(a!.volunteerNo, '2026-02-30', '活动甲', '2'), // 5: no such day
    row(a!.volunteerNo, '2026-10-02', '活动甲', '0'), // 6: no hours
    row(a!.volunteerNo, '2026-10-03', '活动甲', '25'), // 7: over 24
    row(a!.volunteerNo, '2026-10-04', '活动甲', '2', { 7: '' }), // 8: no content
    row(b!.volunteerNo, '2026-10-05', '活动乙', '2'), // 9: fine
    row(b!.volunteerNo, '2026-10-05', '活动乙', '3'), // 10: same as row 9
    row(c!.volunteerNo, '2026-09-01', '白天活动', '5'), // 11: 20 + 5 hours that day
    row(b!.volunteerNo, '2026-10-06', 'x'.repeat(101), '1'), // 12: title too long
    ['', '护照', 'E!', '', '2026-10-01', '活动甲', '地点', '内容', '', '1', '李'], // 13: not a passport number
  ]);
  const job = await importFile(t, uploader, 'records', team, file);
  assert.equal(job.status, 'invalid');
  assert.deepEqual(
    job.errors.map((e) => [e.row, e.column, e.code]).sort((x, y) => Number(x[0]) - Number(y[0])),
    [
      [2, 'volunteerNo', 'RECORD_VOLUNTEER_NOT_FOUND'],
      [3, 'name', 'IMPORT_NAME_MISMATCH'],
      [4, 'serviceDate', 'RECORD_FUTURE_DATE'],
      [5, 'serviceDate', 'IMPORT_CELL_INVALID'],
      [6, 'hours', 'IMPORT_CELL_INVALID'],
      [7, 'hours', 'IMPORT_CELL_INVALID'],
      [8, 'content', 'IMPORT_CELL_REQUIRED'],
      [10, 'activityTitle', 'IMPORT_RECORD_DUPLICATE_IN_FILE'],
      [11, 'hours', 'RECORD_DAY_OVER_24H'],
      [12, 'activityTitle', 'IMPORT_CELL_INVALID'],
      [13, 'docNumber', 'DOCUMENT_FORMAT'],
    ],
  );
  assert.match(job.errors.find((e) => e.row === 10)!.message, /第 9 行/);
  assert.equal((await entries()).length, before);
});

test('the upload needs a reason; a missing column is named', async () => {
  const file = await xlsx(RECORD_HEADER, [row(people[0]!.volunteerNo, '2026-10-01', '活动', '1')]);
  for (const q of ['', '&reason=', '&reason=x']) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/records?orgId=${team}${q}`,
      headers: { cookie: uploader, 'content-type': XLSX_MIME },
      payload: file,
    });
    assert.equal(res.statusCode, 400, q);
  }
  const noHours = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(
      ['志愿者编号', '服务日期', '活动名称', '服务地点', '服务内容', '负责人'],
      [['x', '2026-10-01', 'a', 'b', 'c', 'd']],
    ),
  );
  assert.deepEqual(
    noHours.errors.map((e) => [e.row, e.column, e.code]),
    [[1, 'hours', 'IMPORT_COLUMN_MISSING']],
  );
});

test("an organization's own headers are understood (时长, 日期, 活动, 地点, 内容)", async () => {
  const job = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(
      ['志愿者编号', '日期', '活动', '地点', '内容', '时长', '负责人'],
      [[people[3]!.volunteerNo, '2026-08-08', '图书馆整理', '南山图书馆', '图书上架', '4', '赵馆员']],
    ),
  );
  assert.deepEqual([job.status, job.created], ['done', 1]);
});

test('the filled-in template imports', async () => {
  const res = await t.app.inject({
    url: '/api/imports/templates/records.xlsx',
    headers: { cookie: uploader },
  });
  assert.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const keys = (ws.getRow(2).values as unknown[]).slice(1);
  const filled: Record<string, string> = {
    volunteerNo: people[3]!.volunteerNo,
    serviceDate: '2026-08-09',
    activityTitle: '模板活动',
    place: '南山',
    content: '服务',
    hours: '1.5',
    personInCharge: '负责人甲',
  };
  ws.getRow(3).values = keys.map((k) => filled[String(k)] ?? null);
  const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const job = await importFile(t, uploader, 'records', team, file);
  assert.deepEqual([job.status, job.created], ['done', 1], JSON.stringify(job.errors));
});

test('rejecting a batch needs a reason; a rejected row may be imported again', async () => {
  const file = await xlsx(RECORD_HEADER, [row(people[2]!.volunteerNo, '2026-07-01', '被驳回的活动', '2')]);
  const job = await importFile(t, uploader, 'records', team, file);
  const jobId = (await entries()).at(-1)!.import_job_id!;
  assert.equal(job.created, 1);
  assert.equal((await decide(second, jobId, { decision: 'reject' })).statusCode, 400);
  const rej = await decide(second, jobId, { decision: 'reject', reason: '台账无负责人签字' });
  assert.deepEqual(rej.json(), { confirmed: 0, rejected: 1, leftPending: 0 });
  const again = await importFile(t, uploader, 'records', team, file);
  assert.deepEqual([again.status, again.created], ['done', 1]);
  await totalsReconcile();
});

test('approval leaves pending the entries that a later confirmation pushed over 24 hours that day', async () => {
  const [a] = people;
  const job = await importFile(
    t,
    uploader,
    'records',
    team,
    await xlsx(RECORD_HEADER, [
      row(a!.volunteerNo, '2026-06-01', '早班', '10'),
      row(a!.volunteerNo, '2026-06-02', '早班', '3'),
    ]),
  );
  assert.equal(job.created, 2);
  const jobId = (await entries()).at(-1)!.import_job_id!;
  // Meanwhile a back-fill of 20 hours on 2026-06-01 is confirmed (it counts confirmed hours only).
  const bf = await t.app.inject({
    method: 'POST',
    url: `/api/organizations/${team}/records/backfill`,
    headers: { cookie: uploader },
    payload: {
      volunteerNo: a!.volunteerNo,
      activityTitle: '通宵救灾',
      serviceDate: '2026-06-01',
      place: '南山',
      content: '物资转运',
      personInCharge: '李',
      minutes: 1200,
      reason: '台风应急，未能签到',
      evidence: [{ name: 'roster.png', mimeType: 'image/png', contentBase64: 'iVBORw0KGgo=' }],
    },
  });
  assert.equal(bf.statusCode, 200, bf.body);
  const ok = await t.app.inject({
    method: 'POST',
    url: `/api/records/${bf.json().id}/decision`,
    headers: { cookie: second },
    payload: { decision: 'approve' },
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const res = await decide(second, jobId, { decision: 'approve' });
  assert.deepEqual(res.json(), { confirmed: 1, rejected: 0, leftPending: 1 });
  const left = (await entries(jobId)).find((r) => r.status === 'pending')!;
  assert.equal(left.day, '2026-06-01');
  await totalsReconcile();
});

test('only hours imports are decided', async () => {
  const job = await importFile(
    t,
    uploader,
    'volunteers',
    team,
    await xlsx(VOLUNTEER_HEADER, [volunteerRow(2)]),
  );
  assert.equal(job.status, 'done');
  const list = await t.app.inject({ url: `/api/imports?orgId=${team}`, headers: { cookie: second } });
  const volunteersJob = (list.json().items as { id: string; kind: string; records: unknown }[]).find(
    (j) => j.kind === 'volunteers',
  )!;
  assert.equal(volunteersJob.records, null);
  const res = await decide(second, volunteersJob.id, { decision: 'approve' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.code, 'IMPORT_NOT_HOURS');
});

test('an hours sheet under a merged title and a date line: the header row is found, errors name sheet rows', async () => {
  const sheet = (hours: string) =>
    titledXlsx(
      '2026年10月志愿服务时长登记表',
      RECORD_HEADER,
      [
        row(people[2]!.volunteerNo, '2026-10-11', '社区义诊', '3'),
        row(people[2]!.volunteerNo, '2026-10-12', '社区义诊', hours),
      ],
      '填报单位：南山时长队',
    );
  const bad = await importFile(t, uploader, 'records', team, await sheet('25'));
  assert.deepEqual([bad.status, bad.headerRow], ['invalid', 3]);
  assert.deepEqual(
    bad.errors.map((e) => [e.row, e.column, e.code]),
    [[5, 'hours', 'IMPORT_CELL_INVALID']],
  );
  const ok = await importFile(t, uploader, 'records', team, await sheet('2'));
  assert.deepEqual([ok.status, ok.headerRow, ok.created], ['done', 3, 2]);
});
