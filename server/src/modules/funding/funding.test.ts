import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { api } from '../activities/activities.testkit.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { FUTIAN, NANSHAN, PDF_MIN, PNG_1PX, proposalBody, roundBody } from './funding.testkit.ts';

/** Funding rounds (益苗计划) end to end through HTTP: round → proposal → first review → scoring → award → project. */

let t: TestApp;
let owner: string; // Nanshan region admin (the level body)
let futianAdmin: string;
let org: string;
let orgAdmin: string;
let orgAdminUser: TestUser;
let futianOrg: string;
let futianOrgAdmin: string;
let reviewer: TestUser;
let reviewerCookie: string;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区长者关爱服务队', NANSHAN);
  futianOrg = await insertOrganization(t, '福田区某服务队', FUTIAN);
  owner = await signIn(t, await createUser(t, 'fund.owner', { role: 'region_admin', region: NANSHAN }));
  futianAdmin = await signIn(t, await createUser(t, 'fund.futian', { role: 'region_admin', region: FUTIAN }));
  orgAdminUser = await createUser(t, 'fund.org', { role: 'org_admin', orgId: org });
  orgAdmin = await signIn(t, orgAdminUser);
  futianOrgAdmin = await signIn(
    t,
    await createUser(t, 'fund.futian.org', { role: 'org_admin', orgId: futianOrg }),
  );
  reviewer = await createUser(t, 'fund.reviewer');
  reviewerCookie = await signIn(t, reviewer);
});
after(() => t.close());

const count = async (
  table: 'funding_rounds' | 'funding_proposals' | 'funding_attachments' | 'funding_awards',
) =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function openRound(over: Record<string, unknown> = {}) {
  const res = await api(t, owner, 'POST', '/api/funding/rounds', roundBody(NANSHAN, over));
  assert.equal(res.statusCode, 200, res.body);
  const id = res.json().id as string;
  const opened = await api(t, owner, 'POST', `/api/funding/rounds/${id}/state`, { to: 'open' });
  assert.equal(opened.statusCode, 200, opened.body);
  return opened.json() as { id: string; tiers: { id: string }[]; criteria: { id: string }[] };
}

describe('a funding round from opening to the ten best', () => {
  it('runs the whole loop, every step audited', async () => {
    const round = await openRound();
    const tier = round.tiers[1]!.id; // 重点培育, cap 30,000 yuan

    // The organization writes a proposal, attaches a PDF, submits it.
    const created = await api(
      t,
      orgAdmin,
      'POST',
      '/api/funding/proposals',
      proposalBody(round.id, org, tier),
    );
    assert.equal(created.statusCode, 200, created.body);
    const pid = created.json().id as string;
    const att = await api(t, orgAdmin, 'POST', `/api/funding/proposals/${pid}/attachments`, {
      name: '项目计划书.pdf',
      data: PDF_MIN,
    });
    assert.equal(att.statusCode, 200, att.body);
    const file = await api(t, owner, 'GET', `/api/funding/proposals/${pid}/attachments/${att.json().id}`);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal((await api(t, orgAdmin, 'POST', `/api/funding/proposals/${pid}/submit`)).statusCode, 200);
    const late = await api(t, orgAdmin, 'PUT', `/api/funding/proposals/${pid}`, {
      ...proposalBody(round.id, org, tier),
      roundId: undefined,
      orgId: undefined,
    });
    assert.equal(late.statusCode, 409, 'a submitted proposal is not edited');

    // First review: returned with a reason, edited, submitted again, passed.
    const noReason = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/first-review`, {
      pass: false,
    });
    assert.equal(noReason.statusCode, 400, 'a return needs a reason');
    const ret = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/first-review`, {
      pass: false,
      reason: '请补充预算明细',
    });
    assert.equal(ret.json().state, 'returned');
    const {
      roundId: _r,
      orgId: _o,
      ...edit
    } = proposalBody(round.id, org, tier, { title: '长者助餐（修订）' });
    assert.equal((await api(t, orgAdmin, 'PUT', `/api/funding/proposals/${pid}`, edit)).statusCode, 200);
    assert.equal((await api(t, orgAdmin, 'POST', `/api/funding/proposals/${pid}/submit`)).statusCode, 200);
    const passed = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/first-review`, { pass: true });
    assert.equal(passed.json().state, 'passed');

    // Reviewing: a reviewer declares no conflict, then scores every criterion.
    await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/state`, { to: 'reviewing' });
    const assigned = await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/reviewers`, {
      username: reviewer.username,
    });
    assert.equal(assigned.json().reviewers.length, 1);
    const queue = (await api(t, reviewerCookie, 'GET', '/api/me/funding/reviews')).json().items;
    assert.deepEqual(
      queue.map((q: { proposalId: string }) => q.proposalId),
      [pid],
    );
    const [c1, c2] = queue[0].criteria.map((c: { id: string }) => c.id);
    const scores = {
      scores: [
        { criterionId: c1, score: 8 },
        { criterionId: c2, score: 15 },
      ],
    };
    const early = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, scores);
    assert.equal(early.json().error.code, 'FUNDING_DECLARE_FIRST');
    const dec = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/declaration`, {
      conflict: false,
    });
    assert.equal(dec.statusCode, 200, dec.body);
    const over = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, {
      scores: [
        { criterionId: c1, score: 11 },
        { criterionId: c2, score: 15 },
      ],
    });
    assert.equal(over.json().error.code, 'FUNDING_SCORE_INVALID', 'a score above the maximum is refused');
    const partial = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, {
      scores: [{ criterionId: c1, score: 8 }],
    });
    assert.equal(partial.json().error.code, 'FUNDING_SCORE_INVALID', 'every criterion is scored');
    assert.equal(
      (await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, scores)).statusCode,
      200,
    );
    const again = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, scores);
    assert.equal(again.statusCode, 409, 'scores are final');
    const ranked = (await api(t, owner, 'GET', `/api/funding/rounds/${round.id}/proposals`)).json().items;
    // 8/10 × 40 + 15/20 × 60 = 32 + 45
    assert.equal(ranked[0].score, 77);
    assert.equal(ranked[0].scoredBy, 1);

    // Award within the tier's cap and the budget.
    const overCap = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/award`, {
      tierId: tier,
      amountFen: 30_000_01,
    });
    assert.equal(overCap.json().error.code, 'FUNDING_TIER_FULL');
    const awarded = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/award`, {
      tierId: tier,
      amountFen: 15_000_00,
    });
    assert.equal(awarded.statusCode, 200, awarded.body);
    assert.equal(awarded.json().award.amountFen, 15_000_00);
    const board = (await api(t, owner, 'GET', `/api/funding/rounds/${round.id}`)).json();
    assert.equal(board.awardedFen, 15_000_00);
    assert.equal(board.tiers[1].awarded, 1);

    // The project: a milestone, a report with a photo, accepted; the yearly evaluation; the ten best.
    await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/state`, { to: 'awarded' });
    const ms = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/milestones`, {
      title: '中期评估',
      deliverable: '服务记录与照片',
      dueOn: '2027-06-30',
    });
    assert.equal(ms.statusCode, 200, ms.body);
    const milestone = ms.json().milestones[0].id;
    const rep = await api(t, orgAdmin, 'POST', `/api/funding/milestones/${milestone}/reports`, {
      text: '已服务 120 名长者',
      attachments: [{ name: '现场.png', data: PNG_1PX }],
    });
    assert.equal(rep.statusCode, 200, rep.body);
    const report = rep.json().milestones[0].reports[0];
    assert.equal(report.attachments[0].mime, 'image/png');
    const acc = await api(t, owner, 'POST', `/api/funding/reports/${report.id}/decision`, { accept: true });
    assert.equal(acc.json().milestones[0].reports[0].state, 'accepted');
    const ev = await api(t, owner, 'POST', `/api/funding/proposals/${pid}/evaluation`, {
      score: 92,
      comment: '成效显著',
    });
    assert.equal(ev.json().evaluation.score, 92);
    assert.equal((await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/ten-best`)).statusCode, 200);
    const pub = await api(t, undefined, 'GET', '/api/funding/ten-best');
    assert.equal(pub.statusCode, 200);
    const entry = pub.json().items.find((i: { roundId: string }) => i.roundId === round.id);
    assert.deepEqual(entry.projects, [
      { rank: 1, title: '长者助餐（修订）', orgName: '南山区长者关爱服务队', score: 92 },
    ]);
    assert.ok(!pub.body.includes('测试 fund'), 'no person is named on the public list');

    const actions = new Set((await auditRows(t)).map((r) => r.action));
    for (const a of [
      'funding.round.create',
      'funding.round.state',
      'funding.proposal.create',
      'funding.attachment.add',
      'funding.proposal.submit',
      'funding.proposal.return',
      'funding.proposal.edit',
      'funding.proposal.pass',
      'funding.reviewer.add',
      'funding.declare',
      'funding.score',
      'funding.award',
      'funding.milestone.add',
      'funding.report.submit',
      'funding.report.accept',
      'funding.evaluate',
      'funding.ten_best.publish',
    ])
      assert.ok(actions.has(a), `audited: ${a}`);
  });
});

describe('bad input is refused with a clear 4xx and nothing changes', () => {
  it('refuses invalid rounds: weights not adding up to 100, a window ending before it starts, a tier above the budget', async () => {
    const before = await count('funding_rounds');
    for (const over of [
      { criteria: [{ name: '一', weight: 50, maxScore: 10 }] },
      { closesAt: '1999-01-01T00:00:00+08:00' },
      { tiers: [{ name: '示范', capFen: 200_000_00, count: 1 }] },
    ]) {
      const res = await api(t, owner, 'POST', '/api/funding/rounds', roundBody(NANSHAN, over));
      assert.equal(res.statusCode, 400, JSON.stringify(over));
      assert.equal(res.json().error.code, 'FUNDING_ROUND_INVALID');
    }
    for (const over of [
      { budgetFen: 1.5 },
      { budgetFen: -1 },
      { year: 'x' },
      { criteria: [] },
      { extra: 1 },
    ]) {
      const res = await api(t, owner, 'POST', '/api/funding/rounds', roundBody(NANSHAN, over));
      assert.equal(res.statusCode, 400, JSON.stringify(over));
    }
    assert.equal(await count('funding_rounds'), before);
  });

  it('refuses a budget over the tier cap, a forged attachment, a closed window and a wrong state step', async () => {
    const round = await openRound();
    const tier = round.tiers[1]!.id;
    const before = await count('funding_proposals');
    const overCap = await api(
      t,
      orgAdmin,
      'POST',
      '/api/funding/proposals',
      proposalBody(round.id, org, tier, { budgetLines: [{ item: '设备', amountFen: 30_000_01 }] }),
    );
    assert.equal(overCap.statusCode, 422);
    assert.equal(overCap.json().error.code, 'FUNDING_OVER_TIER_CAP');
    assert.equal(await count('funding_proposals'), before);

    const pid = (
      await api(t, orgAdmin, 'POST', '/api/funding/proposals', proposalBody(round.id, org, tier))
    ).json().id;
    const files = await count('funding_attachments');
    for (const data of [
      Buffer.from('MZ\x90\x00 this is an executable').toString('base64'),
      Buffer.from('%PDF-1.4 truncated').toString('base64'),
      PNG_1PX.slice(0, 40),
    ]) {
      const res = await api(t, orgAdmin, 'POST', `/api/funding/proposals/${pid}/attachments`, {
        name: 'a.pdf',
        data,
      });
      assert.equal(res.statusCode, 400, res.body);
    }
    assert.equal(await count('funding_attachments'), files);

    const back = await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/state`, { to: 'draft' });
    assert.equal(back.statusCode, 409, 'a round never goes back');
    const skip = await api(t, owner, 'POST', `/api/funding/rounds/${round.id}/state`, { to: 'awarded' });
    assert.equal(skip.statusCode, 409, 'a round moves one step at a time');

    // After the window closes nothing is submitted.
    const now = t.clock.now().getTime();
    const closing = await openRound({
      opensAt: new Date(now - 86400_000).toISOString(),
      closesAt: new Date(now + 86400_000).toISOString(),
    });
    const draft = (
      await api(
        t,
        orgAdmin,
        'POST',
        '/api/funding/proposals',
        proposalBody(closing.id, org, closing.tiers[1]!.id),
      )
    ).json().id;
    t.clock.advance(2 * 86400_000);
    const late = await api(t, orgAdmin, 'POST', `/api/funding/proposals/${draft}/submit`);
    assert.equal(late.json().error.code, 'FUNDING_WINDOW_CLOSED');
    const p = (await api(t, orgAdmin, 'GET', `/api/funding/proposals/${draft}`)).json();
    assert.equal(p.state, 'draft');
  });

  it('refuses a proposal from an organization outside the round’s region', async () => {
    const round = await openRound();
    const res = await api(
      t,
      futianOrgAdmin,
      'POST',
      '/api/funding/proposals',
      proposalBody(round.id, futianOrg, round.tiers[1]!.id),
    );
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'FUNDING_OUT_OF_REGION');
  });
});

describe('scope isolation between districts', () => {
  it('a Futian admin neither sees nor decides a Nanshan round or proposal', async () => {
    const round = await openRound();
    const pid = (
      await api(
        t,
        orgAdmin,
        'POST',
        '/api/funding/proposals',
        proposalBody(round.id, org, round.tiers[1]!.id),
      )
    ).json().id;
    await api(t, orgAdmin, 'POST', `/api/funding/proposals/${pid}/submit`);
    assert.equal((await api(t, futianAdmin, 'GET', `/api/funding/rounds/${round.id}`)).statusCode, 404);
    assert.equal((await api(t, futianAdmin, 'GET', `/api/funding/rounds?region=${NANSHAN}`)).statusCode, 403);
    const list = (await api(t, futianAdmin, 'GET', '/api/funding/rounds')).json().items;
    assert.ok(!list.some((r: { id: string }) => r.id === round.id), 'own regions only');
    const review = await api(t, futianAdmin, 'POST', `/api/funding/proposals/${pid}/first-review`, {
      pass: true,
    });
    assert.equal(review.statusCode, 404);
    assert.equal((await api(t, futianOrgAdmin, 'GET', `/api/funding/proposals/${pid}`)).statusCode, 404);
    const stranger = await api(t, reviewerCookie, 'POST', `/api/me/funding/reviews/${pid}/declaration`, {
      conflict: false,
    });
    assert.equal(stranger.statusCode, 404, 'only the round’s reviewers see its proposals');
    const p = (await api(t, orgAdmin, 'GET', `/api/funding/proposals/${pid}`)).json();
    assert.equal(p.state, 'submitted', 'nothing changed');
  });
});
