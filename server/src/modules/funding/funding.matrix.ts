/**
 * Authorization-matrix fixtures for the funding routes: owner routes on a fresh round in the relation's
 * region funded by the relation's organization (a foundation: its admins own the round, the region admins
 * over it supervise), in the state the route needs, with proposals of another organization of that region;
 * applicant routes on a proposal of the relation's organization; reviewer routes as "self" (the actor
 * assigned to the round). Rounds a level body runs alone are region-only targets, covered in funding.test.
 */
import { targeted, type MatrixActor, type MatrixFixtures, type Relation } from '../../test/matrix.ts';
import { createOrganization, createUser } from '../../test/harness.ts';
import {
  insertAttachment,
  insertMilestone,
  insertProposal,
  insertReport,
  insertRound,
  proposalBody,
  roundBody,
} from './funding.testkit.ts';

type RoundState = 'draft' | 'open' | 'reviewing' | 'awarded' | 'closed';
type ProposalState = 'draft' | 'submitted' | 'passed' | 'awarded';
let reviewerNo = 0;

export const matrixFixtures: MatrixFixtures = ({ t, regions, orgs }) => {
  const onRound =
    (method: string, path: string, state: RoundState, payload?: () => Promise<unknown> | unknown) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const round = await insertRound(t(), { region: regions[rel], state, funder: orgs[rel] });
      return {
        method,
        url: `/api/funding/rounds/${round.id}${path}`,
        ...(payload ? { payload: await payload() } : {}),
      };
    };
  /** An approved applicant of the relation's region other than the funder, made once per region. */
  const applicants = new Map<string, string>();
  const applicantIn = async (region: string) => {
    if (!applicants.has(region)) {
      const id = await createOrganization(t(), `申报方 ${region}`, region);
      await t()
        .handle.db.updateTable('organizations')
        .set({ status: 'approved' })
        .where('id', '=', id)
        .execute();
      applicants.set(region, id);
    }
    return applicants.get(region)!;
  };
  /**
   * A proposal in a round of the relation's region, where the relation's organization is on one side: the
   * round's funder (the owner's side of a proposal) or the proposal's applicant.
   */
  const proposalOf =
    (side: 'funder' | 'applicant') =>
    (
      method: string,
      path: (id: string) => string,
      roundState: RoundState,
      state: ProposalState,
      payload?: (round: Awaited<ReturnType<typeof insertRound>>) => unknown,
    ) =>
    async (rel: Relation) => {
      if (!targeted(rel)) return null;
      const funded = side === 'funder';
      const round = await insertRound(t(), {
        region: regions[rel],
        state: roundState,
        ...(funded ? { funder: orgs[rel] } : {}),
      });
      const applicant = funded ? await applicantIn(regions[rel]) : orgs[rel];
      const id = await insertProposal(t(), round, applicant, { state });
      return { method, url: path(id), ...(payload ? { payload: payload(round) } : {}) };
    };
  const onFundedProposal = proposalOf('funder');
  const onProposal = proposalOf('applicant');
  const asReviewer =
    (method: string, path: string, payload?: (criteria: string[]) => unknown) =>
    async (rel: Relation, actor: MatrixActor) => {
      if (rel !== 'self') return null;
      const round = await insertRound(t(), { state: 'reviewing' });
      const id = await insertProposal(t(), round, orgs.same, { state: 'passed' });
      if (actor.user)
        await t()
          .handle.db.insertInto('funding_reviewers')
          .values({ round_id: round.id, user_id: actor.user.id, assigned_by: actor.user.id })
          .execute();
      return {
        method,
        url: `/api/me/funding/reviews/${id}${path}`,
        ...(payload ? { payload: payload(round.criteria) } : {}),
      };
    };
  const edit = (round: { id: string; tiers: string[] }) => {
    const { roundId: _r, orgId: _o, ...b } = proposalBody(round.id, '', round.tiers[1]!);
    return b;
  };

  return {
    'POST /api/funding/rounds': (rel) =>
      targeted(rel)
        ? {
            method: 'POST',
            url: '/api/funding/rounds',
            payload: roundBody(regions[rel], { funderOrgId: orgs[rel] }),
          }
        : null,
    'GET /api/funding/funder-rounds': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/funding/funder-rounds?orgId=${orgs[rel]}` } : null,
    'GET /api/funding/rounds': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/funding/rounds?region=${regions[rel]}` } : null,
    'GET /api/funding/rounds/:id': onRound('GET', '', 'open'),
    'PUT /api/funding/rounds/:id': onRound('PUT', '', 'draft', () => {
      const { region: _r, ...b } = roundBody('');
      return b;
    }),
    'POST /api/funding/rounds/:id/state': onRound('POST', '/state', 'draft', () => ({ to: 'open' })),
    'POST /api/funding/rounds/:id/reviewers': onRound('POST', '/reviewers', 'open', async () => ({
      username: (await createUser(t(), `fund.matrix.reviewer.${++reviewerNo}`)).username,
    })),
    'GET /api/funding/rounds/:id/proposals': onRound('GET', '/proposals', 'reviewing'),
    'POST /api/funding/rounds/:id/ten-best': onRound('POST', '/ten-best', 'awarded'),
    'POST /api/funding/proposals/:id/first-review': onFundedProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/first-review`,
      'open',
      'submitted',
      () => ({ pass: true }),
    ),
    'POST /api/funding/proposals/:id/award': onFundedProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/award`,
      'reviewing',
      'passed',
      (round) => ({ tierId: round.tiers[1], amountFen: 100_00 }),
    ),
    'POST /api/funding/proposals/:id/milestones': onFundedProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/milestones`,
      'awarded',
      'awarded',
      () => ({ title: '中期', deliverable: '中期报告', dueOn: '2027-06-30' }),
    ),
    'POST /api/funding/proposals/:id/evaluation': onFundedProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/evaluation`,
      'awarded',
      'awarded',
      () => ({ score: 88 }),
    ),
    'POST /api/funding/reports/:id/decision': async (rel, actor) => {
      if (!targeted(rel)) return null;
      const round = await insertRound(t(), { region: regions[rel], state: 'awarded', funder: orgs[rel] });
      const p = await insertProposal(t(), round, await applicantIn(regions[rel]), { state: 'awarded' });
      const other = (await createUser(t(), `fund.matrix.reporter.${++reviewerNo}`)).id;
      const report = await insertReport(t(), await insertMilestone(t(), p), other);
      return { method: 'POST', url: `/api/funding/reports/${report}/decision`, payload: { accept: true } };
    },
    'GET /api/funding/open-rounds': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/funding/open-rounds?orgId=${orgs[rel]}` } : null,
    'GET /api/funding/proposals': (rel) =>
      targeted(rel) ? { method: 'GET', url: `/api/funding/proposals?orgId=${orgs[rel]}` } : null,
    'POST /api/funding/proposals': async (rel) => {
      if (!targeted(rel)) return null;
      const round = await insertRound(t(), { region: regions[rel], state: 'open' });
      return {
        method: 'POST',
        url: '/api/funding/proposals',
        payload: proposalBody(round.id, orgs[rel], round.tiers[1]!),
      };
    },
    'GET /api/funding/proposals/:id': onProposal(
      'GET',
      (id) => `/api/funding/proposals/${id}`,
      'open',
      'draft',
    ),
    'PUT /api/funding/proposals/:id': onProposal(
      'PUT',
      (id) => `/api/funding/proposals/${id}`,
      'open',
      'draft',
      edit,
    ),
    'POST /api/funding/proposals/:id/submit': onProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/submit`,
      'open',
      'draft',
    ),
    'POST /api/funding/proposals/:id/withdraw': onProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/withdraw`,
      'open',
      'draft',
    ),
    'POST /api/funding/proposals/:id/attachments': onProposal(
      'POST',
      (id) => `/api/funding/proposals/${id}/attachments`,
      'open',
      'draft',
      () => ({ name: 'plan.pdf', data: 'JVBERi0xLjQKJSVFT0YK' }),
    ),
    'GET /api/funding/proposals/:id/attachments/:attachmentId': async (rel, actor) => {
      if (!targeted(rel)) return null;
      const round = await insertRound(t(), { region: regions[rel], state: 'open' });
      const p = await insertProposal(t(), round, orgs[rel], { state: 'draft' });
      const creator = actor.user?.id ?? (await createUser(t(), `fund.matrix.att.${++reviewerNo}`)).id;
      return {
        method: 'GET',
        url: `/api/funding/proposals/${p}/attachments/${await insertAttachment(t(), p, creator)}`,
      };
    },
    'POST /api/funding/milestones/:id/reports': async (rel) => {
      if (!targeted(rel)) return null;
      const round = await insertRound(t(), { region: regions[rel], state: 'awarded' });
      const p = await insertProposal(t(), round, orgs[rel], { state: 'awarded' });
      return {
        method: 'POST',
        url: `/api/funding/milestones/${await insertMilestone(t(), p)}/reports`,
        payload: { text: '中期报告已完成' },
      };
    },
    'GET /api/me/funding/reviews': (rel) =>
      rel === 'self' ? { method: 'GET', url: '/api/me/funding/reviews' } : null,
    'POST /api/me/funding/reviews/:id/declaration': asReviewer('POST', '/declaration', () => ({
      conflict: false,
    })),
    'POST /api/me/funding/reviews/:id/scores': asReviewer('POST', '/scores', (criteria) => ({
      scores: criteria.map((criterionId) => ({ criterionId, score: 5 })),
    })),
    'GET /api/me/funding/reviews/:id/attachments/:attachmentId': async (rel, actor) => {
      const req = await asReviewer('GET', '')(rel, actor);
      if (!req) return null;
      const id = req.url.split('/')[5]!;
      const creator = actor.user?.id ?? (await createUser(t(), `fund.matrix.att.${++reviewerNo}`)).id;
      return { method: 'GET', url: `${req.url}/attachments/${await insertAttachment(t(), id, creator)}` };
    },
    'GET /api/funding/ten-best': (rel) =>
      rel === 'none' ? { method: 'GET', url: '/api/funding/ten-best' } : null,
  };
};
