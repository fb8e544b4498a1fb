import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';
import { ERRORS } from '@yiqi/shared/errors';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { registerVolunteer } from '../volunteers/volunteers.testkit.ts';
import { failInterrupted } from './imports.runner.ts';
import {
  idFor,
  importFile,
  upload,
  VOLUNTEER_HEADER,
  volunteerRow,
  titledXlsx,
  waitForJob,
  xlsx,
} from './imports.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let orgA: string;
let orgB: string;
let adminA: string;
let adminB: string;
let nsAdmin: string;
let ftAdmin: string;
let n = 0;
before(async () => {
  t = await startTestApp();
  orgA = await insertOrganization(t, '南山导入队', NANSHAN);
  orgB = await insertOrganization(t, '南山另一队', NANSHAN);
  adminA = await signIn(t, await createUser(t, 'i.a', { role: 'org_admin', orgId: orgA }));
  adminB = await signIn(t, await createUser(t, 'i.b', { role: 'org_admin', orgId: orgB }));
  nsAdmin = await signIn(t, await createUser(t, 'i.ns', { role: 'region_admin', region: NANSHAN }));
  ftAdmin = await signIn(t, await createUser(t, 'i.ft', { role: 'region_admin', region: FUTIAN }));
});
after(() => t.close());

const count = async (table: 'volunteers' | 'memberships') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const rows = (k: number, at: (i: number) => Record<number, string | number | Date | null> = () => ({})) =>
  Array.from({ length: k }, (_, i) => volunteerRow(++n, at(i)));

describe('templates', () => {
  test('have the Chinese header, the key line, an example, document types and instructions', async () => {
    const res = await t.app.inject({
      url: '/api/imports/templates/volunteers.xlsx',
      headers: { cookie: adminA },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['志愿者', '示例', '证件类型', '说明'],
    );
    const data = wb.worksheets[0]!;
    assert.deepEqual((data.getRow(1).values as string[]).slice(1, 4), ['姓名', '证件类型', '证件号码']);
    assert.deepEqual((data.getRow(2).values as string[]).slice(1, 4), ['name', 'docType', 'docNumber']);
    assert.match(String(data.getCell(1, 1).note), /Name/);
    assert.equal(wb.worksheets[1]!.rowCount, 4);
    assert.equal(wb.worksheets[2]!.rowCount, 9);
    const members = await t.app.inject({
      url: '/api/imports/templates/members.xlsx',
      headers: { cookie: nsAdmin },
    });
    assert.equal(members.statusCode, 200);
  });

  test('a filled-in template imports (key line and example sheet are not data)', async () => {
    const res = await t.app.inject({
      url: '/api/imports/templates/volunteers.xlsx',
      headers: { cookie: adminA },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    for (const r of rows(3)) wb.worksheets[0]!.addRow(r);
    const job = await importFile(t, adminA, 'volunteers', orgA, Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(job.status, 'done', JSON.stringify(job.errors));
    assert.equal(job.created, 3);
  });
});

describe('volunteer import', () => {
  test('a valid file imports every row in one commit, with one audit row', async () => {
    const before = await count('volunteers');
    const auditBefore = (await auditRows(t)).length;
    const file = await xlsx(VOLUNTEER_HEADER, [
      ...rows(20),
      // A passport needs birth date and gender; an Excel date cell is Beijing wall-clock time.
      [
        'WONG Ka Yan',
        'passport',
        'E12345678',
        '13912345678',
        '440305001000',
        '1988-07-21',
        '女',
        new Date(Date.UTC(2026, 10, 2, 14, 0)),
        '电子同意书',
      ],
      [
        '李四',
        'mainland_id',
        idFor(++n).toLowerCase(),
        13812345678,
        440305000000,
        '',
        '男',
        '2026/11/03 09:15',
        '纸质',
      ],
    ]);
    const res = await upload(t, adminA, 'volunteers', orgA, file);
    assert.equal(res.statusCode, 202, res.body);
    const { job } = await waitForJob(t, adminA, res.json().jobId);
    assert.equal(job.status, 'done', JSON.stringify(job.errors));
    assert.deepEqual(
      [job.kind, job.totalRows, job.processed, job.created, job.skipped, job.errorCount],
      ['volunteers', 22, 22, 22, 0, 0],
    );
    assert.ok(job.finishedAt && job.startedAt <= job.finishedAt);
    assert.equal(await count('volunteers'), before + 22);
    const wong = await t.handle.db
      .selectFrom('volunteers')
      .selectAll()
      .where('name', '=', 'WONG Ka Yan')
      .executeTakeFirstOrThrow();
    assert.equal(wong.registered_by_org, orgA);
    assert.equal(wong.gender, 'female');
    assert.equal(new Date(wong.registration_consent_at!).toISOString(), '2026-11-02T06:00:00.000Z');
    assert.equal(wong.registration_consent_evidence, '电子同意书');
    assert.ok(!wong.doc_number_enc!.includes('E12345678') && wong.user_id === null);
    assert.match(wong.volunteer_no, /^440305\d{8}$/);
    const audit = (await auditRows(t)).slice(auditBefore);
    assert.deepEqual(
      audit.map((a) => [a.action, a.result]),
      [
        ['import.upload', 'ok'],
        ['import.commit', 'ok'],
      ],
    );
    assert.deepEqual(
      [audit[1]!.details.rows, audit[1]!.details.created, audit[1]!.details.skipped],
      [22, 22, 0],
    );
    const list = await t.app.inject({ url: `/api/imports?orgId=${orgA}`, headers: { cookie: nsAdmin } });
    assert.equal(list.json().items[0].id, res.json().jobId);
    assert.equal(list.json().items[0].createdBy, 'i.a');
  });

  test('one bad row: nothing is written, the row and column are reported', async () => {
    const before = await count('volunteers');
    const bad = idFor(++n).slice(0, 17) + 'Y';
    const file = await xlsx(
      VOLUNTEER_HEADER,
      rows(10, (i): Record<number, string> => (i === 6 ? { 2: bad } : {})),
    );
    const job = await importFile(t, adminA, 'volunteers', orgA, file);
    assert.equal(job.status, 'invalid');
    assert.equal(job.errorCount, 1);
    assert.deepEqual(
      job.errors.map((e) => [e.row, e.column, e.code]),
      [[8, 'docNumber', 'DOCUMENT_FORMAT']],
    );
    assert.equal(job.created, 0);
    assert.equal(await count('volunteers'), before);
    const dl = await t.app.inject({
      url: `/api/imports/${(await lastJob(orgA)).id}/errors.xlsx`,
      // Uploaded in Chinese, downloaded by an English browser: the report stays in the uploader's language.
      headers: { cookie: adminA, 'accept-language': 'en' },
    });
    assert.equal(dl.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(dl.rawPayload as unknown as ArrayBuffer);
    // In the uploader's language throughout: the sheet's name, the headers and the messages, no raw codes.
    const ws = wb.worksheets[0]!;
    assert.equal(ws.name, '错误清单');
    assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['行号', '列', '问题']);
    const r = ws.getRow(2).values as unknown[];
    assert.deepEqual(r.slice(1, 3), [8, '证件号码 (docNumber)']);
    assert.equal(r[3], ERRORS.DOCUMENT_FORMAT.text['zh-CN']);
    assert.equal(r.length, 4, 'no error code column');
    const audit = await auditRows(t, 'import.commit');
    assert.deepEqual([audit.at(-1)!.result, audit.at(-1)!.details.reason], ['failed', 'invalid']);
  });

  test('every rule of registration is applied to each row, in the uploader’s language', async () => {
    const file = await xlsx(VOLUNTEER_HEADER, [
      volunteerRow(++n, { 0: '' }), // 2: name missing
      volunteerRow(++n, { 3: '12345' }), // 3: phone
      volunteerRow(++n, { 4: '440305999999' }), // 4: no such region
      volunteerRow(++n, { 1: '驾驶证' }), // 5: unknown document type
      volunteerRow(++n, { 1: '护照', 2: 'E7654321' }), // 6: passport without birth date
      volunteerRow(++n, { 7: '2027-01-01 08:00' }), // 7: consent in the future
      volunteerRow(++n, { 2: idFor(20000 + n).replace(/^(.{6})..../, '$12020') }), // 8: a mangled number
      volunteerRow(++n, { 2: 440305199001010000 }), // 9: ID typed into a number cell
      volunteerRow(++n, { 7: 'yesterday' }), // 10: unreadable time
      volunteerRow(++n, { 6: '男', 2: idFor(7000, 2) }), // 11: gender disagrees (even sequence = female)
    ]);
    const res = await upload(t, adminA, 'volunteers', orgA, file, 'en');
    const { job } = await waitForJob(t, adminA, res.json().jobId);
    assert.equal(job.status, 'invalid');
    const got = job.errors.map((e) => [e.row, e.column, e.code]);
    assert.deepEqual(got, [
      [2, 'name', 'IMPORT_CELL_REQUIRED'],
      [3, 'phone', 'IMPORT_CELL_INVALID'],
      [4, 'regionCode', 'REGION_NOT_FOUND'],
      [5, 'docType', 'IMPORT_CELL_INVALID'],
      [6, 'birthDate', 'BIRTH_DATE_REQUIRED'],
      [7, 'consentRecordedAt', 'IMPORT_CELL_INVALID'],
      [8, 'docNumber', got[6]![2]],
      [9, 'docNumber', 'IMPORT_NUMBER_NOT_TEXT'],
      [10, 'consentRecordedAt', 'IMPORT_CELL_INVALID'],
      [11, 'birthDate', 'IMPORT_CELL_INVALID'],
    ]);
    assert.match(String(got[6]![2]), /^DOCUMENT_/);
    assert.equal(job.errors[1]!.message, 'The value is not valid (11-digit mainland mobile number)');
  });

  test('a child under 14 cannot be imported (a guardian must register them)', async () => {
    const first17 = '44030520150101003';
    const child = volunteerRow(++n, { 2: first17 + idCheckChar(first17) });
    const job = await importFile(t, adminA, 'volunteers', orgA, await xlsx(VOLUNTEER_HEADER, [child]));
    assert.deepEqual(
      job.errors.map((e) => [e.row, e.column, e.code]),
      [[2, 'birthDate', 'GUARDIAN_REQUIRED']],
    );
  });

  test('the same person twice in a file is reported at the second row', async () => {
    const id = idFor(++n);
    const file = await xlsx(VOLUNTEER_HEADER, [
      volunteerRow(n, { 2: id }),
      ...rows(2),
      volunteerRow(++n, { 2: ` ${id.slice(0, 9)} ${id.slice(9)} ` }),
    ]);
    const job = await importFile(t, adminA, 'volunteers', orgA, file);
    assert.equal(job.status, 'invalid');
    assert.deepEqual(
      job.errors.map((e) => [e.row, e.column, e.code, e.message]),
      [[5, 'docNumber', 'IMPORT_DUPLICATE_IN_FILE', '与文件中的另一行是同一人（与第 2 行重复）']],
    );
  });

  test('the same file twice adds nothing the second time; people already registered are skipped', async () => {
    const registered = await registerVolunteer(t, { docNumber: idFor(++n) });
    const file = await xlsx(VOLUNTEER_HEADER, [
      ...rows(5),
      volunteerRow(n, { 2: registered.body.docNumber as string }),
    ]);
    const first = await importFile(t, adminA, 'volunteers', orgA, file);
    assert.deepEqual([first.status, first.created, first.skipped], ['done', 5, 1]);
    const before = await count('volunteers');
    const again = await importFile(t, nsAdmin, 'volunteers', orgA, file);
    assert.deepEqual([again.status, again.created, again.skipped], ['done', 0, 6]);
    assert.equal(await count('volunteers'), before);
  });

  test('progress is saved every 1,000 rows and reaches the total', async () => {
    const file = await xlsx(VOLUNTEER_HEADER, rows(2100));
    const res = await upload(t, adminA, 'volunteers', orgA, file);
    const { job, seen } = await waitForJob(t, adminA, res.json().jobId);
    assert.equal(job.status, 'done', JSON.stringify(job.errors));
    assert.deepEqual([job.totalRows, job.processed, job.created], [2100, 2100, 2100]);
    const progress = seen.map((s) => s.processed);
    assert.ok(
      progress.every((p, i) => i === 0 || p >= progress[i - 1]!),
      'progress never goes back',
    );
    assert.ok(progress.every((p) => p === 0 || p % 1000 === 0 || p === 2100));
  });
});

async function lastJob(orgId: string) {
  return (await t.app.inject({ url: `/api/imports?orgId=${orgId}`, headers: { cookie: nsAdmin } })).json()
    .items[0];
}

describe('access and files', () => {
  test('outside the caller’s organization or region: 403 for the one named in the query, 404 for a job', async () => {
    const file = await xlsx(VOLUNTEER_HEADER, rows(1));
    assert.equal((await upload(t, adminB, 'volunteers', orgA, file)).json().error.code, 'OUT_OF_SCOPE');
    assert.equal((await upload(t, ftAdmin, 'members', orgA, file)).json().error.code, 'OUT_OF_SCOPE');
    const job = (await lastJob(orgA)).id;
    for (const cookie of [adminB, ftAdmin]) {
      for (const [url, status] of [
        [`/api/imports/${job}`, 404],
        [`/api/imports/${job}/errors.xlsx`, 404],
        [`/api/imports?orgId=${orgA}`, 403],
      ] as const) {
        const res = await t.app.inject({ url, headers: { cookie } });
        assert.equal(res.statusCode, status, url);
      }
    }
    const none = await t.app.inject({
      url: '/api/imports/00000000-0000-4000-8000-000000000000',
      headers: { cookie: nsAdmin },
    });
    assert.equal(none.statusCode, 404);
    const anon = await t.app.inject({
      method: 'POST',
      url: `/api/imports/volunteers?orgId=${orgA}`,
      headers: { 'content-type': XLSX_MIME },
      payload: file,
    });
    assert.equal(anon.statusCode, 401);
    const plain = await signIn(t, await createUser(t, 'i.plain'));
    assert.equal((await upload(t, plain, 'volunteers', orgA, file)).statusCode, 403);
  });

  test('only approved organizations, only xlsx files, one running import per organization', async () => {
    const pending = await insertOrganization(t, '待审队', NANSHAN, { status: 'pending' });
    const file = await xlsx(VOLUNTEER_HEADER, rows(1));
    assert.equal(
      (await upload(t, nsAdmin, 'volunteers', pending, file)).json().error.code,
      'ORG_NOT_APPROVED',
    );
    const text = await upload(t, adminA, 'volunteers', orgA, Buffer.from('姓名,证件号码\n'));
    assert.deepEqual([text.statusCode, text.json().error.code], [400, 'IMPORT_FILE_UNREADABLE']);
    const json = await t.app.inject({
      method: 'POST',
      url: `/api/imports/volunteers?orgId=${orgA}`,
      headers: { cookie: adminA },
      payload: { rows: [] },
    });
    assert.equal(json.statusCode, 415);
    const truncated = await upload(t, adminA, 'volunteers', orgA, file.subarray(0, file.length - 100));
    assert.deepEqual([truncated.statusCode, truncated.json().error.code], [400, 'IMPORT_FILE_UNREADABLE']);
    // A file whose directory says it inflates to 600 MB (the shared strings would be held in memory).
    const bomb = Buffer.from(file);
    const header = Buffer.from([0x50, 0x4b, 1, 2]); // a central directory entry
    for (let at = bomb.indexOf(header); at >= 0; at = bomb.indexOf(header, at + 4))
      bomb.writeUInt32LE(600 * 1024 * 1024, at + 24);
    assert.equal((await upload(t, adminA, 'volunteers', orgA, bomb)).statusCode, 413);
    // A readable directory over damaged content: the job reads nothing and says so.
    const damaged = Buffer.from(file);
    damaged.fill(0xaa, 60, 600);
    const broken = await importFile(t, adminA, 'volunteers', orgA, damaged);
    assert.deepEqual([broken.status, broken.errors[0]?.code], ['invalid', 'IMPORT_FILE_UNREADABLE']);
    const missing = await importFile(
      t,
      adminA,
      'volunteers',
      orgA,
      await xlsx(VOLUNTEER_HEADER.slice(0, 3), [['张三', '护照', 'E1234567']]),
    );
    assert.deepEqual(
      missing.errors.map((e) => [e.row, e.column, e.code]),
      [[1, 'phone', 'IMPORT_COLUMN_MISSING']],
    );
    const empty = await importFile(t, adminA, 'volunteers', orgA, await xlsx(VOLUNTEER_HEADER, []));
    assert.equal(empty.errors[0]?.code, 'IMPORT_EMPTY');

    const userB = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'i.b')
      .executeTakeFirstOrThrow();
    const running = await t.handle.db
      .insertInto('import_jobs')
      .values({ kind: 'members', org_id: orgB, file_sha256: 'x', status: 'validating', created_by: userB.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const busy = await upload(t, adminB, 'volunteers', orgB, file);
    assert.deepEqual([busy.statusCode, busy.json().error.code], [409, 'IMPORT_BUSY']);

    // A restart finds the job still "validating": it wrote nothing and is marked failed, audited.
    const ctx = {
      db: t.handle.db,
      actor: null,
      clock: t.clock.now,
      log: t.app.log,
      config: t.config,
      requestId: 'test',
      ip: '127.0.0.1',
      locale: 'zh-CN' as const,
    };
    assert.equal(await failInterrupted(ctx), 1);
    const view = (
      await t.app.inject({ url: `/api/imports/${running.id}`, headers: { cookie: adminB } })
    ).json();
    assert.deepEqual([view.status, view.errors[0].code], ['failed', 'IMPORT_INTERRUPTED']);
    const audit = await auditRows(t, 'import.commit');
    assert.deepEqual([audit.at(-1)!.object_id, audit.at(-1)!.details.reason], [running.id, 'interrupted']);
    // Once it is failed the organization may import again (followed to the end, so no import of this
    // test is still committing while the next test counts).
    assert.equal((await importFile(t, adminB, 'volunteers', orgB, file)).status, 'done');
  });
});

describe('sheets laid out by offices', () => {
  test('a merged title and a date line above the header: the header is found, rows keep their sheet numbers', async () => {
    const bad = await importFile(
      t,
      adminA,
      'volunteers',
      orgA,
      await titledXlsx(
        '南山街道XX社区志愿者名单',
        VOLUNTEER_HEADER,
        [...rows(1), ...rows(1, () => ({ 3: '12345' })), ...rows(1)],
        '制表日期：2026年11月1日',
      ),
    );
    assert.equal(bad.status, 'invalid');
    assert.equal(bad.headerRow, 3);
    assert.deepEqual(
      bad.errors.map((e) => [e.row, e.column, e.code]),
      [[5, 'phone', 'IMPORT_CELL_INVALID']],
    );
    const three = rows(3);
    const ok = await importFile(
      t,
      adminA,
      'volunteers',
      orgA,
      await titledXlsx('南山街道XX社区志愿者名单', VOLUNTEER_HEADER, three, '2026-11-01'),
    );
    assert.deepEqual([ok.status, ok.headerRow, ok.totalRows, ok.created], ['done', 3, 3, 3]);
    // The three people are there (counted by name: an earlier test's background import may still be
    // committing on PostgreSQL, so a count of the whole table is not this import's).
    const names = three.map((r) => String(r[0]));
    const stored = await t.handle.db
      .selectFrom('volunteers')
      .select('name')
      .where('name', 'in', names)
      .execute();
    assert.deepEqual(stored.map((r) => r.name).sort(), [...names].sort());
    // A plain sheet says its header is row 1.
    const plain = await importFile(t, adminA, 'volunteers', orgA, await xlsx(VOLUNTEER_HEADER, rows(1)));
    assert.deepEqual([plain.status, plain.headerRow], ['done', 1]);
  });

  test('phones and document numbers as typed (spaces, dashes, +86, full width) are normalised, not refused', async () => {
    const wide = (x: string) => x.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const [a, b] = rows(2);
    const plain = [a!, b!].map((r) => ({ doc: String(r[2]), phone: String(r[3]) }));
    a![2] = wide(plain[0]!.doc);
    a![3] = `+86 ${plain[0]!.phone.slice(0, 3)}-${plain[0]!.phone.slice(3, 7)}-${plain[0]!.phone.slice(7)}`;
    b![2] = `${plain[1]!.doc.slice(0, 6)} ${plain[1]!.doc.slice(6)}`;
    b![3] = `0086${wide(plain[1]!.phone)}`;
    const job = await importFile(t, adminA, 'volunteers', orgA, await xlsx(VOLUNTEER_HEADER, [a!, b!]));
    assert.deepEqual([job.status, job.created], ['done', 2], JSON.stringify(job.errors));
    // Typed plainly, they are the people already registered (skipped), and one file naming a person
    // twice in two spellings is a duplicate.
    const again = await importFile(
      t,
      adminA,
      'volunteers',
      orgA,
      await xlsx(VOLUNTEER_HEADER, [
        volunteerRow(++n, { 2: plain[0]!.doc, 3: plain[0]!.phone }),
        volunteerRow(++n, { 2: plain[1]!.doc, 3: plain[1]!.phone }),
      ]),
    );
    assert.deepEqual([again.status, again.created, again.skipped], ['done', 0, 2]);
    const twice = await importFile(
      t,
      adminA,
      'volunteers',
      orgA,
      await xlsx(VOLUNTEER_HEADER, [volunteerRow(++n), volunteerRow(n, { 2: wide(idFor(n)) })]),
    );
    assert.deepEqual(
      twice.errors.map((e) => [e.row, e.column, e.code]),
      [[3, 'docNumber', 'IMPORT_DUPLICATE_IN_FILE']],
    );
  });
});
