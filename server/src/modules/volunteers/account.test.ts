import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { seedActivity } from '../activities/activities.matrix.ts';
import { auditRows, createOrganization, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  guardian,
  idNumber,
  NANSHAN,
  phone,
  pngBase64,
  registerVolunteer,
  VOLUNTEER_PASSWORD,
} from './volunteers.testkit.ts';

let t: TestApp;
let orgId: string;
before(async () => {
  t = await startTestApp();
  orgId = await createOrganization(t, '导出测试队', NANSHAN);
});
after(() => t.close());

/** A volunteer with every kind of personal data filled in, a membership and an uploaded document. */
async function fullVolunteer(name: string) {
  const g = guardian({ name: `${name}监护` });
  const contactPhone = phone();
  const v = await registerVolunteer(t, { name, docNumber: idNumber('20090601'), guardian: g });
  const patched = await t.app.inject({
    method: 'PATCH',
    url: '/api/me/volunteer',
    headers: { cookie: v.cookie },
    payload: {
      skills: [`${name}技能`],
      emergencyContact: { name: `${name}联系人`, phone: contactPhone },
    },
  });
  assert.equal(patched.statusCode, 200, patched.body);
  // Qualifications typed on the profile before they became records (the field is retired, decision 0069).
  await t.handle.db
    .updateTable('volunteers')
    .set({ qualifications: JSON.stringify([{ name: '救护员', issuer: '红十字会', number: `Q-${name}` }]) })
    .where('id', '=', v.volunteer.id)
    .execute();
  await t.app.inject({
    method: 'POST',
    url: '/api/me/volunteer/documents',
    headers: { cookie: v.cookie },
    payload: { mimeType: 'image/png', contentBase64: pngBase64() },
  });
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: orgId, volunteer_id: v.volunteer.id, status: 'active' })
    .execute();
  // A sign-up with its attendance, and a notice: activity data about the person belongs in the export too.
  const a = await seedActivity(t, orgId);
  const signup = await t.handle.db
    .insertInto('signups')
    .values({
      shift_id: a.shiftId,
      position_id: a.positionId,
      activity_id: a.activityId,
      volunteer_id: v.volunteer.id,
      status: 'accepted',
      shift_range: `[${a.start.toISOString()},${a.end.toISOString()})`,
    })
    .returning(['id', 'shift_range'])
    .executeTakeFirstOrThrow();
  await t.handle.db
    .insertInto('attendances')
    .values({
      signup_id: signup.id,
      shift_id: a.shiftId,
      activity_id: a.activityId,
      volunteer_id: v.volunteer.id,
      shift_range: signup.shift_range,
      check_in_at: a.start,
      check_in_method: 'staff',
    })
    .execute();
  const userId = (
    await t.handle.db
      .selectFrom('volunteers')
      .select('user_id')
      .where('id', '=', v.volunteer.id)
      .executeTakeFirstOrThrow()
  ).user_id!;
  await t.handle.db
    .insertInto('notifications')
    .values({ user_id: userId, kind: 'signup_accepted', data: JSON.stringify({ title: '矩阵测试活动' }) })
    .execute();
  return { ...v, guardian: g, contactPhone };
}

const exportOwn = (cookie: string, format = 'json') =>
  t.app.inject({ url: `/api/me/volunteer/export?format=${format}`, headers: { cookie } });
const close = (cookie: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/me/volunteer/close',
    headers: { cookie },
    payload: { password },
  });

describe('export of own data', () => {
  test('JSON holds every table’s data about the person, unmasked, and is audited', async () => {
    const v = await fullVolunteer('欧阳导出');
    const res = await exportOwn(v.cookie);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const data = res.json();
    assert.equal(data.user.username, v.me.username);
    assert.equal(data.volunteer.docNumber, v.body.docNumber);
    assert.equal(data.volunteer.phone, v.body.phone);
    assert.equal(data.volunteer.guardian.phone, v.guardian.phone);
    assert.deepEqual(data.volunteer.emergencyContact, { name: '欧阳导出联系人', phone: v.contactPhone });
    assert.deepEqual(data.volunteer.skills, ['欧阳导出技能']);
    assert.equal(data.memberships.length, 1);
    assert.equal(data.memberships[0].orgName, '导出测试队');
    assert.equal(data.verificationDocuments.length, 1);
    assert.equal(data.verificationDocuments[0].mimeType, 'image/png');
    assert.ok(!('content' in data.verificationDocuments[0]));
    assert.equal(data.signups.length, 1);
    assert.equal(data.signups[0].activityTitle, '矩阵测试活动');
    assert.equal(data.signups[0].checkInMethod, 'staff');
    assert.equal(data.notifications.length, 1);
    assert.ok(data.sessions.total >= 1 && data.sessions.active >= 1);
    const actions = data.audit.map((a: { action: string }) => a.action);
    for (const a of ['volunteer.register', 'auth.login', 'volunteer.update', 'volunteer.document_upload'])
      assert.ok(actions.includes(a), a);
    const audit = (await auditRows(t, 'volunteer.export')).at(-1)!;
    assert.equal(audit.object_id, v.volunteer.id);
    assert.equal(audit.details.format, 'json');
  });

  test('Excel has one sheet per table, with the unmasked values', async () => {
    const v = await fullVolunteer('欧阳表格');
    const res = await exportOwn(v.cookie, 'xlsx');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="volunteer-\d{14}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [
        'user',
        'volunteer',
        'memberships',
        'verification_documents',
        'notification_addresses',
        'signups',
        'notifications',
        'sessions',
        'audit',
      ],
    );
    const text = JSON.stringify(wb.getWorksheet('volunteer')!.getSheetValues());
    assert.ok(text.includes(v.body.docNumber) && text.includes(v.body.phone));
    assert.equal(wb.getWorksheet('memberships')!.rowCount, 2);
    assert.equal((await auditRows(t, 'volunteer.export')).at(-1)!.details.format, 'xlsx');
  });
});

/** Every text-like column of every table that contains `needle`, as "table.column". */
async function columnsContaining(needle: string): Promise<string[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`.execute(
    t.handle.db,
  );
  const found: string[] = [];
  for (const c of cols.rows) {
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(c.table_name)}
      WHERE ${sql.ref(c.column_name)}::text LIKE ${'%' + needle + '%'}`.execute(t.handle.db);
    if (Number(r.rows[0]!.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe('closing the account', () => {
  test('needs the password; a failure is audited', async () => {
    const v = await registerVolunteer(t);
    const res = await close(v.cookie, 'Not-my-password-1');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'WRONG_PASSWORD');
    assert.equal((await auditRows(t, 'volunteer.close')).at(-1)!.result, 'failed');
  });

  test('someone holding a staff role hands it over first', async () => {
    const v = await registerVolunteer(t);
    const user = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', v.me.username)
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto('role_grants')
      .values({ user_id: user.id, role: 'region_admin', region_code: NANSHAN })
      .execute();
    assert.equal((await close(v.cookie, VOLUNTEER_PASSWORD)).json().error.code, 'ACCOUNT_HAS_ROLES');
  });

  test('erases the person from every table; history stays with an anonymous record', async () => {
    const v = await fullVolunteer('司马注销');
    const user = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', v.me.username)
      .executeTakeFirstOrThrow();
    const res = await close(v.cookie, VOLUNTEER_PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.cookies.some((c) => c.name === 'yiqi_sid' && c.value === ''));

    // Nothing signs in any more.
    assert.equal((await t.app.inject({ url: '/api/me', headers: { cookie: v.cookie } })).statusCode, 401);
    for (const username of [v.body.phone, v.me.username]) {
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: VOLUNTEER_PASSWORD },
      });
      assert.equal(login.statusCode, 401);
    }

    // No column of any table still holds the person's data, in clear.
    const personal = [
      v.body.name,
      v.body.phone,
      v.body.docNumber,
      v.guardian.name,
      v.guardian.phone,
      v.contactPhone,
      '司马注销联系人',
      '司马注销技能',
      'Q-司马注销',
    ];
    for (const value of personal) assert.deepEqual(await columnsContaining(value), [], value);

    const row = await t.handle.db
      .selectFrom('volunteers')
      .selectAll()
      .where('id', '=', v.volunteer.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'closed');
    assert.equal(row.user_id, null);
    assert.equal(row.doc_bidx, null);
    assert.equal(row.phone_bidx, null);
    assert.equal(row.birth_date, null);
    assert.equal(row.guardian_phone_enc, null);
    assert.equal(row.emergency_contact_enc, null);
    assert.equal(row.region_code, '440305000000');
    assert.equal(row.volunteer_no, v.volunteer.volunteerNo, 'the number is kept, never reused');
    const account = await t.handle.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(account.username, /^closed-[0-9a-f]{16}$/);
    assert.equal(account.display_name, '已注销');
    assert.equal(account.phone_bidx, null);
    assert.equal(account.totp_secret_enc, null);
    assert.ok(account.disabled_at);
    const live = await t.handle.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    assert.equal(live.length, 0);
    const docs = await t.handle.db
      .selectFrom('verification_documents')
      .select('id')
      .where('volunteer_id', '=', v.volunteer.id)
      .execute();
    assert.equal(docs.length, 0);
    const memberships = await t.handle.db
      .selectFrom('memberships')
      .selectAll()
      .where('volunteer_id', '=', v.volunteer.id)
      .execute();
    assert.equal(memberships.length, 1, 'history is kept, linked to the anonymous record');
    const audit = (await auditRows(t, 'volunteer.close')).at(-1)!;
    assert.equal(audit.result, 'ok');
    assert.equal(audit.object_id, v.volunteer.id);

    // The person may register again later, as a new volunteer with a new number.
    const again = await registerVolunteer(t, {
      docNumber: v.body.docNumber,
      phone: v.body.phone,
      guardian: guardian(),
    });
    assert.notEqual(again.volunteer.id, v.volunteer.id);
    assert.notEqual(again.volunteer.volunteerNo, v.volunteer.volunteerNo);
  });
});
