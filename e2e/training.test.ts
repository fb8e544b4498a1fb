import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, MOBILE, screenshot, useJourney } from './support.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';
import {
  addPosition,
  becomeVolunteer,
  beijing,
  fillActivity,
  noToasts,
  resident,
} from './activities.steps.ts';

const COURSE = '社区急救基础（线上）';

/**
 * Icons a screen reader would announce by their English file names ("edit", "plus"): Ant Design labels
 * each icon so unless the build hides it (issue 17; web/src/lib/quiet-icon.tsx).
 */
const englishIcons = (p: Page) =>
  p.evaluate(() =>
    [...document.querySelectorAll('.anticon')]
      .filter((e) => e.getAttribute('aria-hidden') !== 'true' && !e.closest('[aria-hidden="true"]'))
      .map((e) => e.getAttribute('aria-label') ?? '')
      .filter((l) => /^[a-z0-9-]+$/.test(l)),
  );

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

  // A position requiring first aid: the organizer picks it from the catalogue in the editor; visitors and
  // volunteers read "需持有：急救"; one without it is told why in words and sent to training; the holder
  // from the journey above signs up.
  test('a position requiring first aid: picked in the editor, shown, refused in words, accepted for holders', async () => {
    const title = `社区马拉松急救保障${String(Date.now()).slice(-6)}`;
    const admin = await run.desk.context.newPage();
    const holder = await run.phone.context.newPage();
    const other = await launchBrowser(MOBILE);
    const newcomer = await other.context.newPage();
    try {
      // Signed in by the journey above (the same browser).
      await admin.goto(run.server.url + '/activities');
      await admin.getByTestId('new-activity').click();
      await admin.waitForURL(/\/activities\/new\?org=/);
      await fillActivity(
        admin,
        { title, startsAt: beijing(24 * 60), endsAt: beijing(27 * 60) },
        async () => {},
      );
      await admin.getByTestId('save-activity').click();
      await admin.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
      const id = /\/activities\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;
      const dialog = await addPosition(admin, '急救保障员', 5);
      await chooseOption(admin, 'position_requiredQualification', '急救');
      await dialog.getByText('无（不要求）').waitFor({ state: 'detached' });
      await screenshot(admin, 'training-06-position-requires-first-aid-desktop');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const position = admin.getByTestId('position').filter({ hasText: '急救保障员' });
      await position.getByTestId('requires-qualification').filter({ hasText: '需持有：急救' }).waitFor();
      await admin.getByTestId('publish').click();
      await admin
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /发\s*布/ })
        .click();
      await admin.getByTestId('activity-status').filter({ hasText: '招募中' }).waitFor();
      await noToasts(admin);
      await screenshot(admin, 'training-07-activity-requires-first-aid-desktop');
      assert.deepEqual(await englishIcons(admin), [], 'no icon announces an English name');

      // A visitor's page (the light public one) says what the position requires.
      await newcomer.goto(`${run.server.url}/m/activities/${id}`);
      await newcomer.getByTestId('requires-qualification').filter({ hasText: '需持有：急救' }).waitFor();
      await screenshot(newcomer, 'training-08-public-activity-requires-phone');

      // A new volunteer without first aid: the refusal names it and leads to training.
      await becomeVolunteer(newcomer, run.server.url, resident('周新人', '26001602', '19960402', '124'));
      await newcomer.goto(`${run.server.url}/m/activities/${id}`);
      const card = newcomer.getByTestId('position-card').filter({ hasText: '急救保障员' });
      await card.getByTestId('requires-qualification').filter({ hasText: '需持有：急救' }).waitFor();
      await card.getByTestId('sign-up').click();
      const signup = newcomer.getByRole('dialog');
      await signup.getByTestId('risk-ack').click();
      await signup.getByTestId('confirm-sign-up').click();
      const refusal = signup.getByTestId('signup-error');
      await refusal.filter({ hasText: '该岗位需持有有效的“急救”资质' }).waitFor();
      await screenshot(newcomer, 'training-09-signup-refused-phone');
      assert.deepEqual(await englishIcons(newcomer), [], 'no icon announces an English name');
      await refusal.getByRole('button', { name: '去培训' }).click();
      await newcomer.waitForURL(/\/m\/training$/);
      await newcomer.getByText(COURSE).first().waitFor();

      // The volunteer who passed the first-aid course signs up.
      await holder.goto(`${run.server.url}/m/activities/${id}`);
      const held = holder.getByTestId('position-card').filter({ hasText: '急救保障员' });
      await held.getByTestId('sign-up').click();
      const ok = holder.getByRole('dialog');
      await ok.getByTestId('risk-ack').click();
      await ok.getByTestId('confirm-sign-up').click();
      await ok.getByTestId('signup-result').waitFor();
      assert.equal(await ok.getByTestId('signup-error').count(), 0);
      await screenshot(holder, 'training-10-holder-signed-up-phone');
    } catch (e) {
      await run.failureShots('requires', [admin, newcomer, holder]);
      throw e;
    } finally {
      await admin.close();
      await holder.close();
      await newcomer.close();
    }
  });
});
