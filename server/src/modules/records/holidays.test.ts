import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BUILT_IN_TABLES } from '@yiqi/shared/records/working-days';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
} from '../activities/activities.testkit.ts';

let t: TestApp;
let org: Organizer;
let sys: string;
let region: string;
const MIN = 60_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  sys = await signIn(t, await createUser(t, 'hol.sys', { role: 'system_admin', region: '440000000000' }));
  region = await signIn(
    t,
    await createUser(t, 'hol.region', { role: 'region_admin', region: '440305000000' }),
  );
});
after(() => t.close());

/** An activity today (China day 2026-11-22) where one volunteer checked in and out; its draft record. */
async function draft() {
  const a = await createActivity(t, org, { inHours: 0.5, hours: 2, quota: 1 });
  const v = await createVolunteer(t);
  const s = await signUp(t, v, a.shiftId);
  t.clock.advance(35 * MIN);
  const url = `/api/activities/${a.activityId}/attendance`;
  await api(t, org.cookie, 'POST', `${url}/check-in`, { signupId: s.json().id });
  t.clock.advance(60 * MIN);
  await api(t, org.cookie, 'POST', `${url}/check-out`, { signupId: s.json().id });
  t.clock.advance(2 * 60 * MIN);
  const page = (await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/records`)).json();
  return { activityId: a.activityId, record: page.items[0] as { id: string; dueDate: string } };
}

const table2026 = BUILT_IN_TABLES[2026]!;
/** A week of holidays after the activity (Mon 30 Nov – Fri 4 Dec), added to the 2026 notice. */
const extra = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
const put = (cookie: string | undefined, year: number, body: object) =>
  api(t, cookie, 'PUT', `/api/holidays/${year}`, body);

describe('the holiday tables as data', () => {
  it('lists the built-in years to anyone, 2027 as provisional', async () => {
    const res = await api(t, undefined, 'GET', '/api/holidays');
    assert.equal(res.statusCode, 200);
    const years = res.json().items as { year: number; provisional: boolean; enteredBy: string | null }[];
    assert.deepEqual(
      years.map((y) => [y.year, y.provisional, y.enteredBy]),
      [
        [2026, false, null],
        [2027, true, null],
      ],
    );
  });

  it('a table entered by the system administrator moves open drafts’ due dates and later ones', async () => {
    const before = await draft();
    // 10 working days after Sunday 22 November 2026 on the built-in table.
    assert.equal(before.record.dueDate, '2026-12-04');
    const res = await put(sys, 2026, {
      holidays: [...table2026.holidays, ...extra],
      workdays: table2026.workdays,
      source: '测试：2026 年补充假日安排',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(res.json().redated >= 1);
    assert.equal(res.json().enteredBy, 'hol.sys');
    const page = (await api(t, org.cookie, 'GET', `/api/activities/${before.activityId}/records`)).json();
    assert.equal(page.items[0].dueDate, '2026-12-11');
    const later = await draft();
    assert.equal(later.record.dueDate, '2026-12-11');
    const listed = (await api(t, undefined, 'GET', '/api/holidays')).json().items[0];
    assert.deepEqual([listed.year, listed.provisional, listed.enteredBy], [2026, false, 'hol.sys']);
    assert.ok(listed.holidays.includes('2026-12-02'));
    const audit = await auditRows(t, 'calendar.holidays');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.object_id, '2026');
  });

  it('refuses wrong tables and other callers, changing nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.handle.db
            .selectFrom('holiday_tables')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count();
    const body = { holidays: ['2027-02-05'], workdays: ['2027-02-14'], source: '国务院办公厅通知' };
    const cases: [string | undefined, object, number, string][] = [
      [sys, { ...body, holidays: ['2026-02-05'] }, 400, 'HOLIDAY_DATE_OUTSIDE_YEAR'],
      // A day that does not exist is refused by the contract's calendar day, before the service.
      [sys, { ...body, holidays: ['2027-02-30'] }, 400, 'VALIDATION_FAILED'],
      [sys, { ...body, workdays: ['2027-02-15'] }, 400, 'HOLIDAY_WORKDAY_NOT_WEEKEND'],
      [sys, { ...body, holidays: ['2027-02-05', '2027-02-05'] }, 400, 'HOLIDAY_DAY_TWICE'],
      [sys, { ...body, workdays: ['2027-02-06'], holidays: ['2027-02-06'] }, 400, 'HOLIDAY_DAY_TWICE'],
      [sys, { ...body, source: '' }, 400, 'VALIDATION_FAILED'],
      [region, body, 403, 'FORBIDDEN'],
      [undefined, body, 401, 'UNAUTHENTICATED'],
    ];
    for (const [cookie, b, status, code] of cases) {
      const res = await put(cookie, 2027, b);
      assert.deepEqual([res.statusCode, res.json().error.code], [status, code], JSON.stringify(b));
    }
    assert.equal(await count(), n);
  });
});
