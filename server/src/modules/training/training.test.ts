import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  NANSHAN,
  signUp,
  type Organizer,
} from '../activities/activities.testkit.ts';
import { courseBody, insertQualification, QUIZ, RIGHT } from './training.testkit.ts';

/** Courses, quizzes, qualifications and the positions that require them (issue 16). */

let t: TestApp;
let org: Organizer;
let other: Organizer; // another Nanshan organization's admin
const DAY = 86_400_000;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  other = await createOrganizer(t);
});
after(() => t.close());

const code = (r: { json(): unknown }) => (r.json() as { error?: { code: string } }).error?.code;
const count = async (
  table: 'training_courses' | 'course_completions' | 'qualifications' | 'training_attempts',
) =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function publishCourse(o: Organizer = org, over: Record<string, unknown> = {}) {
  const res = await api(
    t,
    o.cookie,
    'POST',
    '/api/training/manage/courses',
    courseBody({ orgId: o.orgId, ...over }),
  );
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as string;
}

describe('online courses', () => {
  it('refuses bad courses with a clear 4xx and writes nothing', async () => {
    const before = await count('training_courses');
    const bad: [Record<string, unknown>, number, string][] = [
      [courseBody(), 404, 'REGION_NOT_FOUND'], // no owner named
      [courseBody({ orgId: org.orgId, regionCode: NANSHAN }), 400, 'COURSE_OWNER_REQUIRED'],
      [courseBody({ orgId: org.orgId, quiz: [{ ...QUIZ[0], answer: 5 }] }), 400, 'COURSE_QUIZ_INVALID'],
      [courseBody({ orgId: org.orgId, quiz: [], passMark: 0 }), 400, 'COURSE_QUIZ_INVALID'],
      [courseBody({ orgId: org.orgId, passMark: 4 }), 400, 'COURSE_QUIZ_INVALID'],
      [courseBody({ orgId: org.orgId, qualificationCode: 'wizardry' }), 400, 'QUALIFICATION_TYPE_UNKNOWN'],
      [courseBody({ orgId: org.orgId, mode: 'offline', quiz: [] }), 400, 'COURSE_ACTIVITY_INVALID'],
      [courseBody({ orgId: org.orgId, title: '' }), 400, 'VALIDATION_FAILED'],
      [courseBody({ orgId: other.orgId }), 403, 'OUT_OF_SCOPE'],
    ];
    for (const [body, status, err] of bad) {
      const res = await api(t, org.cookie, 'POST', '/api/training/manage/courses', body);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(code(res), err);
      assert.match(res.json().error.message, /[\u4e00-\u9fff]/, 'the message is in Chinese first');
    }
    assert.equal(await count('training_courses'), before);
  });

  it('a volunteer reads the material, fails, then passes and holds first aid for 36 months', async () => {
    const id = await publishCourse();
    const v = await createVolunteer(t);
    const list = await api(t, v.cookie, 'GET', '/api/training/courses');
    assert.ok(list.json().items.some((c: { id: string }) => c.id === id));
    const detail = await api(t, v.cookie, 'GET', `/api/training/courses/${id}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().quiz.length, 3);
    assert.ok(!detail.body.includes('"answer"'), 'answers never reach the volunteer');

    const url = `/api/training/courses/${id}/attempts`;
    const attempts = await count('training_attempts');
    assert.equal(code(await api(t, v.cookie, 'POST', url, { answers: [1, 1] })), 'QUIZ_ANSWERS_COUNT');
    assert.equal(code(await api(t, v.cookie, 'POST', url, { answers: [1, 1, 9] })), 'VALIDATION_FAILED');
    assert.equal(await count('training_attempts'), attempts, 'bad answers change nothing');

    const fail = await api(t, v.cookie, 'POST', url, { answers: [0, 0, 2] });
    assert.equal(fail.statusCode, 200, fail.body);
    assert.deepEqual(
      [fail.json().passed, fail.json().correct, fail.json().qualificationId],
      [false, 1, null],
    );
    const pass = await api(t, v.cookie, 'POST', url, { answers: RIGHT });
    assert.equal(pass.json().passed, true);
    assert.ok(pass.json().trainingRecordId && pass.json().qualificationId);
    assert.equal(await count('training_attempts'), attempts + 2, 'every attempt is kept');
    const again = await api(t, v.cookie, 'POST', url, { answers: RIGHT });
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'COURSE_ALREADY_COMPLETED');

    const mine = (await api(t, v.cookie, 'GET', '/api/me/training')).json();
    assert.equal(mine.records[0].courseId, id);
    const q = mine.qualifications[0];
    assert.deepEqual([q.code, q.state, q.evidence], ['first_aid', 'valid', 'training']);
    const months = (Date.parse(q.expiresAt) - Date.parse(q.issuedAt)) / (30.44 * DAY);
    assert.ok(Math.abs(months - 36) < 0.5, `expires after the type's 36 months (${months})`);
    const audit = await auditRows(t, 'training.attempt');
    assert.equal(audit.filter((a) => a.object_id === id).length, 2);
  });

  it('drafts are hidden from volunteers and cannot be attempted; an offline course has no quiz', async () => {
    const draft = await publishCourse(org, { published: false });
    const v = await createVolunteer(t);
    assert.equal((await api(t, v.cookie, 'GET', `/api/training/courses/${draft}`)).statusCode, 404);
    const r = await api(t, v.cookie, 'POST', `/api/training/courses/${draft}/attempts`, { answers: RIGHT });
    assert.equal(code(r), 'COURSE_NOT_FOUND');
  });

  it('another organization’s admin cannot see or edit the course (404, as for an unknown id)', async () => {
    const id = await publishCourse();
    for (const [m, path, body] of [
      ['GET', '', undefined],
      ['PUT', '', courseBody()],
      ['GET', '/completions', undefined],
    ] as const) {
      const res = await api(t, other.cookie, m, `/api/training/manage/courses/${id}${path}`, body);
      assert.equal(res.statusCode, 404, `${m} ${path}`);
      assert.equal(code(res), 'COURSE_NOT_FOUND');
    }
    const mine = await api(t, other.cookie, 'GET', '/api/training/manage/courses');
    assert.ok(!mine.json().items.some((c: { id: string }) => c.id === id));
    const own = await api(t, org.cookie, 'GET', `/api/training/manage/courses/${id}`);
    assert.equal(own.json().quiz[0].answer, QUIZ[0]!.answer, 'its admins see the answers');
  });
});

describe('positions that require a qualification', () => {
  it('accepts only holders of a valid qualification on the shift date; bad codes are refused', async () => {
    const bad = await createActivity(t, org, { publish: false });
    const badPos = await api(t, org.cookie, 'POST', `/api/activities/${bad.activityId}/positions`, {
      name: '急救员',
      requiredQualification: 'wizardry',
      shifts: [{ startsAt: bad.body.startsAt, endsAt: bad.body.endsAt, quota: 3 }],
    });
    assert.equal(code(badPos), 'QUALIFICATION_TYPE_UNKNOWN');

    const a = await createActivity(t, org, { position: { requiredQualification: 'first_aid' }, quota: 10 });
    const shiftStart = Date.parse(a.body.startsAt);
    const holder = await createVolunteer(t);
    await insertQualification(t, holder.id);
    const none = await createVolunteer(t);
    const expired = await createVolunteer(t);
    await insertQualification(t, expired.id, { expiresAt: new Date(t.clock.now().getTime() - DAY) });
    const lapses = await createVolunteer(t); // valid today, expired by the shift
    await insertQualification(t, lapses.id, { expiresAt: new Date(shiftStart - 3600_000) });
    const revoked = await createVolunteer(t);
    const rq = await insertQualification(t, revoked.id);
    const admin = await signIn(
      t,
      await createUser(t, 'tr.revoker', { role: 'region_admin', region: NANSHAN }),
    );
    const rv = await api(t, admin, 'POST', `/api/training/qualifications/${rq}/revoke`, {
      reason: '证书已被发证机构注销',
    });
    assert.equal(rv.statusCode, 200, rv.body);
    const wrongType = await createVolunteer(t);
    await insertQualification(t, wrongType.id, { code: 'legal_aid' });

    const ok = await signUp(t, holder, a.shiftId);
    assert.equal(ok.statusCode, 200, ok.body);
    for (const v of [none, expired, lapses, revoked, wrongType]) {
      const res = await signUp(t, v, a.shiftId);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(code(res), 'QUALIFICATION_REQUIRED');
      assert.match(res.json().error.message, /资质/);
      assert.equal(res.json().error.details.qualification, 'first_aid');
    }
    const taken = await t.handle.db
      .selectFrom('shifts')
      .select('taken')
      .where('id', '=', a.shiftId)
      .executeTakeFirstOrThrow();
    assert.equal(taken.taken, 1, 'refusals take no place');
    const view = await api(t, undefined, 'GET', `/api/activities/${a.activityId}`);
    assert.equal(view.json().positions[0].requiredQualification, 'first_aid');
  });
});

/** Makes the organizer a verified volunteer too (an admin who attends their own course). */
async function organizerAsVolunteer(o: Organizer) {
  const row = await t.handle.db
    .insertInto('volunteers')
    .values({
      user_id: o.userId,
      volunteer_no: `TO${process.pid}${Date.now() % 100000}`,
      name: '管理员本人',
      region_code: NANSHAN,
      verification_status: 'verified',
      birth_date: '1990-01-01',
      doc_bidx: Buffer.alloc(32, 9),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, userId: o.userId, cookie: o.cookie };
}

describe('offline courses: completions from attendance', () => {
  it('records attendees, grants the qualification, and never the admin’s own', async () => {
    const o = await createOrganizer(t);
    const a = await createActivity(t, o, { inHours: 0.5, hours: 3, quota: 10 });
    const course = await publishCourse(o, {
      mode: 'offline',
      quiz: [],
      passMark: 0,
      activityId: a.activityId,
      qualificationCode: 'elderly_care',
    });
    const attended = await createVolunteer(t);
    const absent = await createVolunteer(t);
    const me = await organizerAsVolunteer(o);
    const signups = [];
    for (const v of [attended, absent, me]) {
      const s = await signUp(t, v, a.shiftId);
      assert.equal(s.statusCode, 200, s.body);
      signups.push(s.json().id as string);
    }
    t.clock.advance(30 * 60_000);
    for (const id of [signups[0], signups[2]]) {
      const r = await api(t, o.cookie, 'POST', `/api/activities/${a.activityId}/attendance/check-in`, {
        signupId: id,
      });
      assert.equal(r.statusCode, 200, r.body);
    }
    const url = `/api/training/manage/courses/${course}/completions`;
    const listed = (await api(t, o.cookie, 'GET', url)).json();
    assert.equal(listed.attendees.length, 2, 'only the checked-in');

    const before = await count('course_completions');
    const self = await api(t, o.cookie, 'POST', url, { volunteerIds: [me.id] });
    assert.equal(self.statusCode, 403);
    assert.equal(code(self), 'TRAINING_SELF_DECISION');
    assert.equal(await count('course_completions'), before, 'nothing changed');

    const bulk = await api(t, o.cookie, 'POST', url, {});
    assert.equal(bulk.statusCode, 200, bulk.body);
    assert.deepEqual([bulk.json().recorded, bulk.json().granted], [1, 1]);
    assert.deepEqual(bulk.json().skipped, [{ volunteerId: me.id, code: 'TRAINING_SELF_DECISION' }]);
    const mine = (await api(t, attended.cookie, 'GET', '/api/me/training')).json();
    assert.equal(mine.qualifications[0].code, 'elderly_care');
    assert.equal((await api(t, absent.cookie, 'GET', '/api/me/training')).json().records.length, 0);
    const twice = await api(t, o.cookie, 'POST', url, {});
    assert.equal(twice.json().recorded, 0, 'a completion is written once');

    // The database refuses a self-recorded completion even if the service were wrong.
    const att = await t.handle.db
      .selectFrom('attendances')
      .select('id')
      .where('signup_id', '=', signups[2]!)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      t.handle.db
        .insertInto('course_completions')
        .values({
          course_id: course,
          volunteer_id: me.id,
          method: 'attendance',
          attendance_id: att.id,
          recorded_by: o.userId,
          created_at: t.clock.now(),
        })
        .execute(),
      /nobody decides/,
    );
    // An online course has no attendance to record.
    const online = await publishCourse(o);
    assert.equal(
      code(await api(t, o.cookie, 'POST', `/api/training/manage/courses/${online}/completions`, {})),
      'COURSE_NOT_OFFLINE',
    );
  });
});
