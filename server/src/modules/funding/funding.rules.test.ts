import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createUser, signIn, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { api } from '../activities/activities.testkit.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { insertProposal, insertRound, NANSHAN } from './funding.testkit.ts';

/**
 * The rules of funding decisions: nobody scores or awards an organization they belong to or administer
 * (service and database), nobody scores their own proposal, and the awards stay within the budget and
 * each tier's count, also when they arrive at once.
 */

let t: TestApp;
let owner: TestUser;
let ownerCookie: string;
let org: string;
let member: TestUser; // an active member of org, assigned as a reviewer
let memberCookie: string;
let orgAdminOwner: string; // a region admin who also administers org

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区规则测试服务队', NANSHAN);
  owner = await createUser(t, 'fr.owner', { role: 'region_admin', region: NANSHAN });
  ownerCookie = await signIn(t, owner);
  member = await createUser(t, 'fr.member');
  memberCookie = await signIn(t, member);
  const v = await addVolunteerRecord(t, member.id);
  await t.handle.db
    .insertInto('memberships')
    .values({ org_id: org, volunteer_id: v.id, status: 'active' })
    .execute();
  const both = await createUser(t, 'fr.both', { role: 'region_admin', region: NANSHAN });
  await t.handle.db
    .insertInto('role_grants')
    .values({ user_id: both.id, role: 'org_admin', org_id: org })
    .execute();
  orgAdminOwner = await signIn(t, both);
});
after(() => t.close());

async function reviewing(reviewer: TestUser, o: { createdBy?: string } = {}) {
  const round = await insertRound(t, { state: 'reviewing', createdBy: owner.id });
  const pid = await insertProposal(t, round, org, {
    state: 'passed',
    ...(o.createdBy ? { createdBy: o.createdBy } : {}),
  });
  await t.handle.db
    .insertInto('funding_reviewers')
    .values({ round_id: round.id, user_id: reviewer.id, assigned_by: owner.id })
    .execute();
  return { round, pid };
}

describe('nobody decides about their own organization', () => {
  it('a reviewer who is a member of the organization cannot declare no conflict nor score it', async () => {
    const { round, pid } = await reviewing(member);
    const dec = await api(t, memberCookie, 'POST', `/api/me/funding/reviews/${pid}/declaration`, {
      conflict: false,
    });
    assert.equal(dec.statusCode, 403);
    assert.equal(dec.json().error.code, 'FUNDING_CONFLICT');
    const scores = await api(t, memberCookie, 'POST', `/api/me/funding/reviews/${pid}/scores`, {
      scores: round.criteria.map((criterionId) => ({ criterionId, score: 5 })),
    });
    assert.equal(scores.json().error.code, 'FUNDING_CONFLICT');
    // Declaring the conflict is accepted, and then scoring stays refused.
    const honest = await api(t, memberCookie, 'POST', `/api/me/funding/reviews/${pid}/declaration`, {
      conflict: true,
      note: '本人是该队队员',
    });
    assert.equal(honest.statusCode, 200);
    const rows = await t.handle.db
      .selectFrom('funding_scores')
      .selectAll()
      .where('proposal_id', '=', pid)
      .execute();
    assert.equal(rows.length, 0);
  });

  it('the database refuses a score by a member, even with a declaration of no conflict written directly', async () => {
    const { round, pid } = await reviewing(member);
    await t.handle.db
      .insertInto('funding_declarations')
      .values({
        proposal_id: pid,
        reviewer_id: member.id,
        conflict: false,
        note: '',
        declared_at: new Date(),
      })
      .execute();
    await assert.rejects(
      t.handle.db
        .insertInto('funding_scores')
        .values({
          proposal_id: pid,
          reviewer_id: member.id,
          criterion_id: round.criteria[0]!,
          score: 5,
          scored_at: new Date(),
        })
        .execute(),
      /nobody scores or awards their own organization/,
    );
  });

  it('the database refuses a score without a declaration of no conflict', async () => {
    const other = await createUser(t, 'fr.other');
    const { round, pid } = await reviewing(other);
    await assert.rejects(
      t.handle.db
        .insertInto('funding_scores')
        .values({
          proposal_id: pid,
          reviewer_id: other.id,
          criterion_id: round.criteria[0]!,
          score: 5,
          scored_at: new Date(),
        })
        .execute(),
    );
  });

  it('nobody scores a proposal they wrote', async () => {
    const author = await createUser(t, 'fr.author');
    const { pid } = await reviewing(author, { createdBy: author.id });
    const dec = await api(t, await signIn(t, author), 'POST', `/api/me/funding/reviews/${pid}/declaration`, {
      conflict: false,
    });
    assert.equal(dec.json().error.code, 'FUNDING_CONFLICT');
  });

  it('an owner who administers the organization neither reviews nor awards it', async () => {
    const round = await insertRound(t, { state: 'reviewing', createdBy: owner.id });
    const submitted = await insertProposal(t, round, org, { state: 'submitted' });
    const review = await api(t, orgAdminOwner, 'POST', `/api/funding/proposals/${submitted}/first-review`, {
      pass: true,
    });
    assert.equal(review.statusCode, 403);
    assert.equal(review.json().error.code, 'FUNDING_SELF_DECISION');
    const passed = await insertProposal(t, round, org, { state: 'passed' });
    const award = await api(t, orgAdminOwner, 'POST', `/api/funding/proposals/${passed}/award`, {
      tierId: round.tiers[1],
      amountFen: 1_000_00,
    });
    assert.equal(award.json().error.code, 'FUNDING_SELF_DECISION');
    const r = await t.handle.db
      .selectFrom('funding_rounds')
      .select('awarded_fen')
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(r.awarded_fen), 0, 'nothing changed');
  });

  it('a reviewer cannot be the round’s own creator', async () => {
    const round = await insertRound(t, { state: 'open', createdBy: owner.id });
    const res = await api(t, ownerCookie, 'POST', `/api/funding/rounds/${round.id}/reviewers`, {
      username: owner.username,
    });
    assert.equal(res.json().error.code, 'FUNDING_REVIEWER_INVALID');
  });
});

describe('awards stay within the budget and the tiers', () => {
  it('refuses an award over the remaining budget and past a tier’s count, nothing changed', async () => {
    const round = await insertRound(t, { state: 'reviewing', budgetFen: 50_000_00, createdBy: owner.id });
    const [a, b, c] = [
      await insertProposal(t, round, org, { state: 'passed' }),
      await insertProposal(t, round, org, { state: 'passed' }),
      await insertProposal(t, round, org, { state: 'passed' }),
    ];
    const award = (id: string, tier: string, amountFen: number) =>
      api(t, ownerCookie, 'POST', `/api/funding/proposals/${id}/award`, { tierId: tier, amountFen });
    assert.equal((await award(a, round.tiers[1]!, 30_000_00)).statusCode, 200);
    const over = await award(b, round.tiers[1]!, 20_000_01);
    assert.equal(over.statusCode, 409);
    assert.equal(over.json().error.code, 'FUNDING_OVER_BUDGET');
    assert.equal((await award(b, round.tiers[0]!, 10_000_00)).statusCode, 200);
    const full = await award(c, round.tiers[0]!, 1_00);
    assert.equal(full.json().error.code, 'FUNDING_TIER_FULL', 'the 示范 tier has one place');
    const r = await t.handle.db
      .selectFrom('funding_rounds')
      .select('awarded_fen')
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(r.awarded_fen), 40_000_00);
    const states = await t.handle.db
      .selectFrom('funding_proposals')
      .select(['id', 'state'])
      .where('round_id', '=', round.id)
      .execute();
    assert.equal(states.find((s) => s.id === c)!.state, 'passed');
  });

  it('concurrent awards never pass the budget', async () => {
    const round = await insertRound(t, {
      state: 'reviewing',
      budgetFen: 40_000_00,
      tierCount: 10,
      createdBy: owner.id,
    });
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push(await insertProposal(t, round, org, { state: 'passed' }));
    const results = await Promise.all(
      ids.map((id) =>
        api(t, ownerCookie, 'POST', `/api/funding/proposals/${id}/award`, {
          tierId: round.tiers[1],
          amountFen: 10_000_00,
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 200, 200, 200, 409, 409], results.map((r) => r.body).join('\n'));
    const r = await t.handle.db
      .selectFrom('funding_rounds')
      .select('awarded_fen')
      .where('id', '=', round.id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(r.awarded_fen), 40_000_00);
    const awards = await t.handle.db
      .selectFrom('funding_awards')
      .select('amount_fen')
      .where('round_id', '=', round.id)
      .execute();
    assert.equal(
      awards.reduce((n, a) => n + Number(a.amount_fen), 0),
      40_000_00,
    );
  });

  it('the database refuses a sum past the budget from any writer', async () => {
    const round = await insertRound(t, { state: 'reviewing', budgetFen: 1_000_00, createdBy: owner.id });
    await assert.rejects(
      t.handle.db
        .updateTable('funding_rounds')
        .set({ awarded_fen: 1_000_01 })
        .where('id', '=', round.id)
        .execute(),
    );
  });
});
