import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { insertRecord } from '../certificates/certificates.testkit.ts';
import { notifyOverdueRecords } from './overdue-notices.ts';

/** Units hear once a China day how many of their service records are drafts past their due date. */

const NANSHAN = '440305000000';
const DAY = 86_400_000;
let t: TestApp;
const ctx = (): Ctx => ({
  db: t.handle.db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});
const inbox = async (cookie: string) =>
  (await t.app.inject({ url: '/api/me/notifications', headers: { cookie } })).json() as {
    items: { kind: string; title: string; body: string }[];
  };

let late: string;
let onTime: string;
const cookies = {} as Record<'lateAdmin' | 'lateAdmin2' | 'onTimeAdmin' | 'volunteer', string>;

async function draft(orgId: string, volunteerId: string, due: Date) {
  const id = await insertRecord(t, { volunteerId, orgId, date: '2026-10-01', minutes: 60, status: 'draft' });
  await t.handle.db
    .updateTable('service_records')
    .set({ due_date: chinaDate(due) })
    .where('id', '=', id)
    .execute();
  return id;
}

before(async () => {
  // Sessions outlive the day the clock moves.
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  late = await insertOrganization(t, '南山区逾期登记服务队', NANSHAN);
  onTime = await insertOrganization(t, '南山区按时登记服务队', NANSHAN);
  cookies.lateAdmin = await signIn(t, await createUser(t, 'od.late', { role: 'org_admin', orgId: late }));
  cookies.lateAdmin2 = await signIn(t, await createUser(t, 'od.late2', { role: 'org_admin', orgId: late }));
  cookies.onTimeAdmin = await signIn(
    t,
    await createUser(t, 'od.ontime', { role: 'org_admin', orgId: onTime }),
  );
  const user = await createUser(t, 'od.vol');
  const v = await addVolunteerRecord(t, user.id);
  cookies.volunteer = await signIn(t, user);
  const now = t.clock.now().getTime();
  await draft(late, v.id, new Date(now - 3 * DAY));
  await draft(late, v.id, new Date(now - 8 * DAY));
  await draft(late, v.id, new Date(now + 2 * DAY)); // not due yet
  await draft(onTime, v.id, new Date(now + 5 * DAY));
  await insertRecord(t, { volunteerId: v.id, orgId: late, date: '2026-09-01', minutes: 30 }); // confirmed
});
after(() => t.close());

describe('overdue-record notices', () => {
  it('tell each admin of a unit with overdue drafts, with the count and the oldest due date', async () => {
    assert.equal(await notifyOverdueRecords(ctx()), 1, 'one unit has overdue drafts');
    for (const c of [cookies.lateAdmin, cookies.lateAdmin2]) {
      const items = (await inbox(c)).items.filter((n) => n.kind === 'records_overdue');
      assert.equal(items.length, 1);
      assert.match(items[0]!.body, /南山区逾期登记服务队/);
      assert.match(items[0]!.body, /有 2 条服务记录/);
      assert.ok(items[0]!.body.includes(chinaDate(new Date(t.clock.now().getTime() - 8 * DAY))));
    }
    assert.equal((await inbox(cookies.onTimeAdmin)).items.length, 0, 'a unit on time hears nothing');
    assert.equal((await inbox(cookies.volunteer)).items.length, 0, 'volunteers are not told');
  });

  it('say it once a day: a second sweep the same day sends nothing, the next day sends again', async () => {
    assert.equal(await notifyOverdueRecords(ctx()), 0);
    assert.equal((await inbox(cookies.lateAdmin)).items.length, 1);
    t.clock.advance(DAY);
    assert.equal(await notifyOverdueRecords(ctx()), 1);
    const items = (await inbox(cookies.lateAdmin)).items.filter((n) => n.kind === 'records_overdue');
    assert.equal(items.length, 2);
    // A day later the draft due in two days is not yet overdue either (due tomorrow): still 2.
    assert.match(items[0]!.body, /有 2 条服务记录/);
  });

  it('are read in the reader’s language', async () => {
    const res = await t.app.inject({
      url: '/api/me/notifications',
      headers: { cookie: `${cookies.lateAdmin}; yiqi_locale=en` },
    });
    const n = (res.json().items as { kind: string; body: string }[]).find(
      (x) => x.kind === 'records_overdue',
    );
    assert.match(n!.body, /has 2 service record\(s\) not submitted within 10 working days/);
  });
});
