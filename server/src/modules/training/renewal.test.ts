import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../../core/ctx.ts';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  NANSHAN,
  signUp,
  type Organizer,
  type Volunteer,
} from '../activities/activities.testkit.ts';
import { notifyExpiringQualifications } from '../notifications/qualification-notices.ts';
import { courseBody, insertQualification, RIGHT } from './training.testkit.ts';

/**
 * Renewing a qualification by completing its course again, and the notice when one enters its last 30 days
 * (issue 16). Time moves by the injected clock only.
 */

const DAY = 86_400_000;
let t: TestApp;
let org: Organizer;
let course: string; // grants first aid (36 months)
const v = {} as Record<'early' | 'late' | 'revoked' | 'renewedBefore' | 'farOff', Volunteer>;
let revokedQ: string;

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
const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const pass = (who: Volunteer, id = course) =>
  api(t, who.cookie, 'POST', `/api/training/courses/${id}/attempts`, { answers: RIGHT });
const detail = async (who: Volunteer, id = course) =>
  (await api(t, who.cookie, 'GET', `/api/training/courses/${id}`)).json() as {
    completed: boolean;
    renewal: boolean;
  };
type Mine = { qualifications: { id: string; code: string; state: string; expiresAt: string }[] };
const mine = async (who: Volunteer) => (await api(t, who.cookie, 'GET', '/api/me/training')).json() as Mine;
const notices = async (who: Volunteer, locale = 'zh-CN') =>
  (
    (
      await t.app.inject({
        url: '/api/me/notifications',
        headers: { cookie: `${who.cookie}; yiqi_locale=${locale}` },
      })
    ).json() as { items: { kind: string; title: string; body: string; link: string | null }[] }
  ).items.filter((n) => n.kind === 'qualification_expiring');
const completions = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('course_completions')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  // Sessions outlive the three years the clock moves.
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '5000000', SESSION_ABSOLUTE_HOURS: '100000' } });
  org = await createOrganizer(t);
  const res = await api(
    t,
    org.cookie,
    'POST',
    '/api/training/manage/courses',
    courseBody({ orgId: org.orgId }),
  );
  assert.equal(res.statusCode, 200, res.body);
  course = res.json().id;
  for (const k of ['early', 'late', 'revoked', 'renewedBefore', 'farOff'] as const)
    v[k] = await createVolunteer(t);
  for (const k of ['early', 'late', 'revoked'] as const) assert.equal((await pass(v[k])).statusCode, 200);
  revokedQ = (await mine(v.revoked)).qualifications[0]!.id;
  const admin = await signIn(t, await createUser(t, 'rn.revoker', { role: 'region_admin', region: NANSHAN }));
  const rv = await api(t, admin, 'POST', `/api/training/qualifications/${revokedQ}/revoke`, {
    reason: '培训考核存在代答，资质撤销',
  });
  assert.equal(rv.statusCode, 200, rv.body);
});
after(() => t.close());

describe('renewing a qualification by completing its course again', () => {
  it('is refused while the qualification is valid beyond 30 days, and nothing is written', async () => {
    const before = await completions();
    const again = await pass(v.early);
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'COURSE_ALREADY_COMPLETED');
    assert.match(again.json().error.message, /续期/, 'the refusal says when renewal opens');
    assert.deepEqual(await detail(v.early), { ...(await detail(v.early)), completed: true, renewal: false });
    assert.equal(await completions(), before);
  });

  it('within the last 30 days: the holder is told once, and passing again grants a new expiry', async () => {
    const first = (await mine(v.early)).qualifications[0]!;
    // 20 days before the 36 months end.
    t.clock.t = Date.parse(first.expiresAt) - 20 * DAY;
    await insertQualification(t, v.farOff.id, { expiresAt: new Date(t.clock.now().getTime() + 200 * DAY) });
    // Expiring, but already renewed by a certificate valid for years: nothing to tell.
    await insertQualification(t, v.renewedBefore.id, {
      expiresAt: new Date(t.clock.now().getTime() + 10 * DAY),
    });
    await insertQualification(t, v.renewedBefore.id, {
      issuedAt: t.clock.now(),
      expiresAt: new Date(t.clock.now().getTime() + 700 * DAY),
    });

    assert.equal(await notifyExpiringQualifications(ctx()), 2, 'early and late, the two expiring ones');
    const [n] = await notices(v.early);
    assert.ok(n, 'the holder has the notice');
    assert.equal(n.title, '资质即将到期');
    assert.match(n.body, /“急救”资质有效期至 \d{4}-\d{2}-\d{2}/);
    assert.match(n.body, /续期/);
    assert.equal(n.link, '/m/training/mine');
    const [en] = await notices(v.early, 'en');
    assert.match(en!.body, /“First aid” qualification is valid until/);
    for (const k of ['revoked', 'renewedBefore', 'farOff'] as const)
      assert.equal((await notices(v[k])).length, 0, `${k} hears nothing`);
    assert.equal(await notifyExpiringQualifications(ctx()), 0, 'a second sweep sends nothing');
    assert.equal((await notices(v.early)).length, 1);

    assert.equal((await mine(v.early)).qualifications[0]!.state, 'expiring');
    assert.deepEqual(await detail(v.early), { ...(await detail(v.early)), completed: false, renewal: true });
    const fail = await api(t, v.early.cookie, 'POST', `/api/training/courses/${course}/attempts`, {
      answers: [0, 0, 0],
    });
    assert.equal(fail.json().passed, false);
    assert.equal((await mine(v.early)).qualifications.length, 1, 'a failed attempt renews nothing');
    const renewed = await pass(v.early);
    assert.equal(renewed.statusCode, 200, renewed.body);
    assert.ok(renewed.json().qualificationId);

    const quals = (await mine(v.early)).qualifications;
    assert.equal(quals.length, 2, 'the old qualification stays as history');
    const [now, old] = quals;
    assert.equal(old!.id, first.id);
    assert.equal(old!.expiresAt, first.expiresAt, 'the old row is unchanged');
    assert.equal(now!.state, 'valid');
    const months = (Date.parse(now!.expiresAt) - t.clock.now().getTime()) / (30.44 * DAY);
    assert.ok(Math.abs(months - 36) < 0.5, `a new 36 months from today (${months})`);
    const rounds = await t.handle.db
      .selectFrom('course_completions')
      .select('round')
      .where('volunteer_id', '=', v.early.id)
      .orderBy('round')
      .execute();
    assert.deepEqual(
      rounds.map((r) => r.round),
      [1, 2],
    );
    const audit = (await auditRows(t, 'training.attempt')).filter(
      (a) => (a.details as { volunteerId?: string }).volunteerId === v.early.id,
    );
    assert.equal(
      audit.length,
      3,
      'the first pass, the failed and the renewing attempt (refusals write nothing)',
    );
    assert.equal(code(await pass(v.early)), 'COURSE_ALREADY_COMPLETED', 'renewed: closed again');
    assert.equal(await notifyExpiringQualifications(ctx()), 0, 'the renewed one is far from expiry');
  });

  it('an expired one renews too, and the position requiring it accepts the holder again', async () => {
    const first = (await mine(v.late)).qualifications[0]!;
    t.clock.t = Date.parse(first.expiresAt) + DAY;
    assert.equal((await mine(v.late)).qualifications[0]!.state, 'expired');
    const a = await createActivity(t, org, { position: { requiredQualification: 'first_aid' }, quota: 5 });
    const refused = await signUp(t, v.late, a.shiftId);
    assert.equal(code(refused), 'QUALIFICATION_REQUIRED');
    assert.equal((await pass(v.late)).statusCode, 200);
    const ok = await signUp(t, v.late, a.shiftId);
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('a revoked qualification is not renewed by retaking the course, and its holder is not told', async () => {
    assert.equal((await mine(v.revoked)).qualifications[0]!.state, 'revoked');
    const r = await pass(v.revoked);
    assert.equal(r.statusCode, 409);
    assert.equal(code(r), 'COURSE_ALREADY_COMPLETED');
    assert.equal((await notices(v.revoked)).length, 0);
  });

  it('a course granting nothing is completed once; the database refuses a second record of one round', async () => {
    const res = await api(
      t,
      org.cookie,
      'POST',
      '/api/training/manage/courses',
      courseBody({ orgId: org.orgId, qualificationCode: null, title: '志愿服务通识课' }),
    );
    assert.equal(res.statusCode, 200, res.body);
    const plain = res.json().id as string;
    const who = await createVolunteer(t);
    assert.equal((await pass(who, plain)).statusCode, 200);
    t.clock.advance(4 * 365 * DAY);
    assert.equal(code(await pass(who, plain)), 'COURSE_ALREADY_COMPLETED');
    assert.equal((await detail(who, plain)).completed, true);

    const rec = await t.handle.db
      .selectFrom('course_completions')
      .selectAll()
      .where('course_id', '=', plain)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      t.handle.db
        .insertInto('course_completions')
        .values({
          course_id: plain,
          volunteer_id: who.id,
          method: 'quiz',
          attempt_id: rec.attempt_id,
          round: 1,
          created_at: t.clock.now(),
        })
        .execute(),
      /unique|duplicate/i,
    );
  });
});
