import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { api } from '../activities/activities.testkit.ts';
import { insertOrganization, makeUscc } from '../memberships/memberships.testkit.ts';
import { FUTIAN, NANSHAN, proposalBody, roundBody } from './funding.testkit.ts';

/**
 * Issue 16: "a level body or foundation opens a round". A foundation's admins run a round they fund (the
 * region admins over its region supervise it); nobody else's organization admins see it; the foundation
 * never applies to its own round; bad funders are refused with nothing written.
 */

const SHENZHEN = '440300000000';
let t: TestApp;
let foundation: string;
let fundAdmin: string; // admin of the foundation
let team: string;
let teamAdmin: string;
let otherTeamAdmin: string; // admin of another Nanshan team (no foundation)
let nanshanAdmin: string;
let futianAdmin: string;
let reviewer: string;
let reviewerName: string;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  foundation = await insertOrganization(t, '南山区慈善基金会', NANSHAN);
  await t.handle.db
    .updateTable('organizations')
    .set({ org_type: 'foundation', uscc: makeUscc(9101) })
    .where('id', '=', foundation)
    .execute();
  team = await insertOrganization(t, '南山区长者关爱服务队', NANSHAN);
  const otherTeam = await insertOrganization(t, '南山区环保服务队', NANSHAN);
  fundAdmin = await signIn(t, await createUser(t, 'fdn.admin', { role: 'org_admin', orgId: foundation }));
  teamAdmin = await signIn(t, await createUser(t, 'fdn.team', { role: 'org_admin', orgId: team }));
  otherTeamAdmin = await signIn(t, await createUser(t, 'fdn.other', { role: 'org_admin', orgId: otherTeam }));
  nanshanAdmin = await signIn(t, await createUser(t, 'fdn.ns', { role: 'region_admin', region: NANSHAN }));
  futianAdmin = await signIn(t, await createUser(t, 'fdn.ft', { role: 'region_admin', region: FUTIAN }));
  const r = await createUser(t, 'fdn.reviewer');
  reviewer = await signIn(t, r);
  reviewerName = r.username;
});
after(() => t.close());

const rounds = async () =>
  Number(
    (
      await t.handle.db
        .selectFrom('funding_rounds')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a round a foundation funds', () => {
  it('its admins open and run it to the award; region admins above supervise; others see nothing', async () => {
    const created = await api(
      t,
      fundAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(NANSHAN, { name: '南山区慈善基金会 2026 年社区项目资助', funderOrgId: foundation }),
    );
    assert.equal(created.statusCode, 200, created.body);
    const id = created.json().id as string;
    const opened = await api(t, fundAdmin, 'POST', `/api/funding/rounds/${id}/state`, { to: 'open' });
    assert.equal(opened.statusCode, 200, opened.body);
    assert.equal(opened.json().funderName, '南山区慈善基金会');
    const tier = opened.json().tiers[1].id as string;

    // The foundation's list; the district's list includes it (supervision); Futian and another team: nothing.
    const mine = (await api(t, fundAdmin, 'GET', `/api/funding/funder-rounds?orgId=${foundation}`)).json();
    assert.deepEqual(
      mine.items.map((r: { id: string }) => r.id),
      [id],
    );
    const district = (await api(t, nanshanAdmin, 'GET', `/api/funding/rounds?region=${NANSHAN}`)).json();
    assert.ok(district.items.some((r: { id: string }) => r.id === id));
    assert.equal((await api(t, futianAdmin, 'GET', `/api/funding/rounds/${id}`)).statusCode, 404);
    assert.equal((await api(t, otherTeamAdmin, 'GET', `/api/funding/rounds/${id}`)).statusCode, 404);
    const peek = await api(t, otherTeamAdmin, 'GET', `/api/funding/funder-rounds?orgId=${foundation}`);
    assert.equal(peek.statusCode, 403);

    // A team applies (the round shows who funds it); the foundation cannot apply to its own round.
    const open = (await api(t, teamAdmin, 'GET', `/api/funding/open-rounds?orgId=${team}`)).json().items;
    assert.equal(open.find((r: { id: string }) => r.id === id)?.funderName, '南山区慈善基金会');
    const p = await api(t, teamAdmin, 'POST', '/api/funding/proposals', proposalBody(id, team, tier));
    assert.equal(p.statusCode, 200, p.body);
    const pid = p.json().id as string;
    assert.equal((await api(t, teamAdmin, 'POST', `/api/funding/proposals/${pid}/submit`)).statusCode, 200);
    const before = await t.handle.db.selectFrom('funding_proposals').select('id').execute();
    const own = await api(t, fundAdmin, 'POST', '/api/funding/proposals', proposalBody(id, foundation, tier));
    assert.equal(own.statusCode, 409, own.body);
    assert.equal(own.json().error.code, 'FUNDING_OWN_ROUND');
    assert.match(own.json().error.message, /基金会不能申报自己设立的轮次/);
    const ownRounds = (await api(t, fundAdmin, 'GET', `/api/funding/open-rounds?orgId=${foundation}`)).json();
    assert.ok(!ownRounds.items.some((r: { id: string }) => r.id === id), 'not offered to its funder');
    assert.equal(
      (await t.handle.db.selectFrom('funding_proposals').select('id').execute()).length,
      before.length,
    );

    // First review, a reviewer, scores, the award: all by the foundation's admin.
    const passed = await api(t, fundAdmin, 'POST', `/api/funding/proposals/${pid}/first-review`, {
      pass: true,
    });
    assert.equal(passed.json().state, 'passed', passed.body);
    const other = await api(t, otherTeamAdmin, 'POST', `/api/funding/proposals/${pid}/award`, {
      tierId: tier,
      amountFen: 10_000_00,
    });
    assert.equal(other.statusCode, 404, 'another team’s admin cannot award');
    await api(t, fundAdmin, 'POST', `/api/funding/rounds/${id}/state`, { to: 'reviewing' });
    const assigned = await api(t, fundAdmin, 'POST', `/api/funding/rounds/${id}/reviewers`, {
      username: reviewerName,
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    const queue = (await api(t, reviewer, 'GET', '/api/me/funding/reviews')).json().items;
    const criteria = queue[0].criteria.map((c: { id: string }) => c.id) as string[];
    await api(t, reviewer, 'POST', `/api/me/funding/reviews/${pid}/declaration`, { conflict: false });
    const scored = await api(t, reviewer, 'POST', `/api/me/funding/reviews/${pid}/scores`, {
      scores: criteria.map((criterionId) => ({ criterionId, score: 8 })),
    });
    assert.equal(scored.statusCode, 200, scored.body);
    const award = await api(t, fundAdmin, 'POST', `/api/funding/proposals/${pid}/award`, {
      tierId: tier,
      amountFen: 15_000_00,
    });
    assert.equal(award.statusCode, 200, award.body);
    assert.equal(award.json().state, 'awarded');

    const audit = await auditRows(t, 'funding.round.create');
    const row = audit.find((a) => a.object_id === id);
    assert.equal((row?.details as { funder?: string } | null)?.funder, foundation, 'the funder is audited');
    assert.ok((await auditRows(t, 'funding.award')).some((a) => a.object_id === pid));
  });

  it('refuses a funder that is no foundation or a region outside its own; nothing written', async () => {
    const n = await rounds();
    const notFoundation = await api(
      t,
      teamAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(NANSHAN, { funderOrgId: team }),
    );
    assert.equal(notFoundation.statusCode, 422, notFoundation.body);
    assert.equal(notFoundation.json().error.code, 'FUNDING_FUNDER_INVALID');
    assert.match(notFoundation.json().error.message, /出资方须为已登记的基金会/);
    const wider = await api(
      t,
      fundAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(SHENZHEN, { funderOrgId: foundation }),
    );
    assert.equal(wider.statusCode, 422, 'a Nanshan foundation does not run a city-wide round');
    const elsewhere = await api(
      t,
      fundAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(FUTIAN, { funderOrgId: foundation }),
    );
    assert.equal(elsewhere.statusCode, 422);
    const levelBody = await api(t, fundAdmin, 'POST', '/api/funding/rounds', roundBody(NANSHAN));
    assert.equal(levelBody.statusCode, 403, 'without a funder the round is the level body’s');
    const notMine = await api(
      t,
      otherTeamAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(NANSHAN, { funderOrgId: foundation }),
    );
    assert.equal(notMine.statusCode, 403, 'only the foundation’s admins open its rounds');
    const foreign = await api(
      t,
      futianAdmin,
      'POST',
      '/api/funding/rounds',
      roundBody(NANSHAN, { funderOrgId: foundation }),
    );
    assert.equal(foreign.statusCode, 403);
    assert.equal(await rounds(), n, 'nothing written');
  });
});
