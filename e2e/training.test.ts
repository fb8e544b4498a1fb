import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, useJourney } from './support.ts';
import { enrolStaff } from './volunteers.steps.ts';
import { becomeVolunteer, resident } from './activities.steps.ts';

const COURSE = '社区急救基础（线上）';

// Issue 16: an organization publishes an online course that grants first aid; a volunteer studies it on a
// phone, passes the quiz and holds the qualification; the console shows the course and the coverage.
describe('training and qualifications', { timeout: 900_000 }, () => {
  const run = useJourney('training', { desk: true, phone: true });

  test('course → quiz passed → qualification held; the console sees it', async () => {
    const admin = await run.desk.context.newPage();
    const vol = await run.phone.context.newPage();
    try {
      await admin.goto(run.server.url + '/login');
      await enrolStaff(admin, 'org.admin');
      await admin.goto(run.server.url + '/training');
      await admin.getByRole('heading').first().waitFor();
      // The course with its quiz is created through the API from the signed-in page, as the editor does.
      const created = await admin.evaluate(async (title) => {
        const me = (await (await fetch('/api/me')).json()) as {
          roles: { role: string; scopeType: string; scopeId: string }[];
        };
        const orgId = me.roles.find((r) => r.role === 'org_admin' && r.scopeType === 'organization')!.scopeId;
        const res = await fetch('/api/training/manage/courses', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            orgId,
            title,
            description: '心肺复苏与止血包扎的基础知识，面向社区志愿者。',
            mode: 'online',
            material: '一、判断意识与呼吸；二、胸外按压每分钟 100–120 次，深度 5–6 厘米；三、直接压迫止血。',
            quiz: [
              {
                text: '胸外按压的频率是每分钟多少次？',
                options: ['60–80', '100–120', '150 以上'],
                answer: 1,
              },
              { text: '伤口出血首先应当？', options: ['直接压迫止血', '涂抹牙膏', '用热水冲洗'], answer: 0 },
            ],
            passMark: 2,
            qualificationCode: 'first_aid',
            published: true,
          }),
        });
        return { status: res.status, body: await res.text() };
      }, COURSE);
      assert.equal(created.status, 200, created.body);
      await admin.reload();
      await admin.getByText(COURSE).first().waitFor();
      await screenshot(admin, 'training-01-courses-console-desktop');

      // A resident registers as a volunteer (training needs a volunteer record), then studies on the phone.
      await becomeVolunteer(vol, run.server.url, resident('林学员', '26001601', '19950301', '123'));
      await vol.goto(run.server.url + '/m/training');
      await vol.getByText(COURSE).first().click();
      await vol.getByText('课后测验').waitFor();
      await screenshot(vol, 'training-02-course-phone');
      // One wrong answer first: not passed, no qualification.
      await vol.getByRole('radio', { name: '60–80' }).check();
      await vol.getByRole('radio', { name: '直接压迫止血' }).check();
      await vol.getByRole('button', { name: /提交答案/ }).click();
      await vol.getByText(/未通过/).waitFor();
      await vol.getByRole('radio', { name: '100–120' }).check();
      await vol.getByRole('button', { name: /提交答案/ }).click();
      await vol.getByText('您已完成本课程').waitFor();
      await vol.getByText(/已获得资质：急救/).waitFor();
      await screenshot(vol, 'training-03-passed-phone');
      await vol.goto(run.server.url + '/m/training/mine');
      await vol.getByText('急救').first().waitFor();
      await screenshot(vol, 'training-04-my-qualifications-phone');

      await admin.goto(run.server.url + '/training/coverage');
      await admin.getByText('急救').first().waitFor();
      await screenshot(admin, 'training-05-coverage-desktop');
    } catch (e) {
      await run.failureShots('journey', [admin, vol]);
      throw e;
    } finally {
      await admin.close();
      await vol.close();
    }
  });
});
