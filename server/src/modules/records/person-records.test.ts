import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, startTestApp, type TestApp } from '../../test/harness.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  type Organizer,
} from '../activities/activities.testkit.ts';

let t: TestApp;
let org: Organizer;
before(async () => {
  t = await startTestApp();
  org = await createOrganizer(t);
});
after(() => t.close());

describe('training, award and evaluation records', () => {
  it('an organization records them for a volunteer, who sees them on the record card', async () => {
    const v = await createVolunteer(t);
    const no = (
      await t.handle.db
        .selectFrom('volunteers')
        .select('volunteer_no')
        .where('id', '=', v.id)
        .executeTakeFirstOrThrow()
    ).volunteer_no;
    const base = `/api/organizations/${org.orgId}`;
    const tr = await api(t, org.cookie, 'POST', `${base}/trainings`, {
      volunteerNo: no,
      name: '应急救护培训',
      content: '心肺复苏与 AED',
      minutes: 240,
      host: '南山区红十字会',
      date: '2026-10-12',
    });
    assert.equal(tr.statusCode, 200, tr.body);
    await api(t, org.cookie, 'POST', `${base}/awards`, {
      volunteerNo: no,
      name: '优秀志愿者',
      date: '2026-11-01',
      grantor: '南山区文明办',
      grantType: 'government',
    });
    const a = await createActivity(t, org);
    await api(t, org.cookie, 'POST', `${base}/evaluations`, {
      volunteerNo: no,
      activityId: a.activityId,
      quality: 'excellent',
      stars: 5,
      date: '2026-11-20',
      comment: '认真负责',
    });
    const mine = (await api(t, v.cookie, 'GET', '/api/me/records/other')).json();
    assert.equal(mine.trainings[0].hours, 4);
    assert.equal(mine.awards[0].grantType, 'government');
    assert.equal(mine.evaluations[0].stars, 5);
    assert.equal(mine.evaluations[0].activityTitle, a.body.title);
    assert.equal((await auditRows(t, 'record.training')).length, 1);
    const bad = await api(t, org.cookie, 'POST', `${base}/awards`, {
      volunteerNo: 'NOPE',
      name: 'x',
      date: '2026-11-01',
      grantor: 'y',
      grantType: 'organization',
    });
    assert.equal(bad.json().error.code, 'RECORD_VOLUNTEER_NOT_FOUND');
    const other = await createOrganizer(t);
    assert.equal(
      (
        await api(t, other.cookie, 'POST', `${base}/trainings`, {
          volunteerNo: no,
          name: 'x',
          content: 'y',
          minutes: 1,
          host: 'z',
          date: '2026-10-12',
        })
      ).statusCode,
      404,
    );
  });
});
