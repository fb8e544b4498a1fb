import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '@yiqi/shared/errors';
import type { ScopeType } from '@yiqi/shared/roles';
import type { Target, TargetRule } from '../../http/access.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { Database } from '../../db/database.ts';
import * as repo from './targets.repository.ts';

/**
 * Access targets: what a request acts on, for the scope check of http/authorization.ts. Every kind of
 * object a staff route names is resolved here, its lookups in targets.repository.ts. Routes declare e.g.
 * `config: { access: staff(['org_admin', 'region_admin'], targets.activityById) }`.
 *
 * Objects named by id in the path (`…ById`) are `byId`: outside the caller's scope the answer is their
 * not-found error, the very answer for an id that does not exist (both come from `byId` below), and the
 * denial is audited. Regions and organizations named in the query or the body (to list or create within)
 * answer 403 OUT_OF_SCOPE: the caller named them, the answer discloses nothing.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION_CODE = /^\d{12}$/;

type Found = Target | undefined;

/** A path parameter, which the route's params schema has validated (a route without it cannot register). */
export function pathParam(req: FastifyRequest, name: string): string {
  const value = (req.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string') throw new Error(`${req.routeOptions.url} has no :${name}`);
  return value;
}

/** A string field of the query, or undefined when it is absent (the schema validates it). */
export function queryField(req: FastifyRequest, name: string): string | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string field of the JSON body, or undefined when it is absent (the schema validates it). */
export function bodyField(req: FastifyRequest, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * An object named by id in the path: `lookup` finds its target. A missing object and one outside the
 * caller's scope answer the same `notFound`.
 */
function byId(
  object: string,
  lookup: (db: Database, id: string) => Promise<Found>,
  { param = 'id', notFound = 'NOT_FOUND' }: { param?: string; notFound?: ErrorCode } = {},
): TargetRule {
  return {
    byId: { param, object, notFound },
    resolve: async (req, db) => {
      const id = pathParam(req, param);
      const target = UUID.test(id) ? await lookup(db, id) : undefined;
      if (!target) throw new DomainError(notFound);
      return target;
    },
  };
}

/** A scope named in a request (a region code or an organization id): its target, or 404 when it does not exist. */
export async function scopeTarget(db: Database, type: ScopeType, id: string): Promise<Target> {
  if (type === 'region') {
    const region = REGION_CODE.test(id) ? await repo.findRegionCode(db, id) : undefined;
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    return { type: 'region', code: region.code };
  }
  const org = await organization(db, id);
  if (!org) throw new DomainError('NOT_FOUND');
  return org;
}

async function organization(db: Database, id: string): Promise<Found> {
  const org = UUID.test(id) ? await repo.findOrganization(db, id) : undefined;
  return org && { type: 'organization', id: org.id, regionCode: org.region_code };
}

/** The approved organizations above one, nearest first (whose admins decide when the team's cannot). */
export function superiorOrganizations(db: Database, orgId: string) {
  return repo.superiorOrganizations(db, orgId);
}

/**
 * An organization as the target of a decision about its people: its own admins, those of the
 * organizations above it (`superiors`, so nobody decides about themselves), or the region admins.
 */
export async function decisionTarget(db: Database, orgId: string): Promise<Target> {
  const target = await scopeTarget(db, 'organization', orgId);
  return decisionOver(db, target);
}

async function decisionOver(db: Database, target: Target): Promise<Target> {
  if (target.type !== 'organization') return target;
  const superiors = await repo.superiorOrganizations(db, target.id);
  return { ...target, superiors: superiors.map((o) => o.id) };
}

/** Who handles a certificate now, as a target: its issuer, or the recording unit's region. */
export function certificateHandler(c: {
  issuer_org_id: string | null;
  issuer_region_code: string | null;
  org_region_code: string;
}): Target {
  return c.issuer_org_id
    ? { type: 'organization', id: c.issuer_org_id, regionCode: c.issuer_region_code! }
    : { type: 'region', code: c.org_region_code };
}

/** A role grant's scope as a target: its organization, or its region. */
export function grantScope(g: {
  org_id: string | null;
  org_region_code: string | null;
  region_code: string | null;
}): Target {
  return g.org_id
    ? { type: 'organization', id: g.org_id, regionCode: g.org_region_code! }
    : { type: 'region', code: g.region_code! };
}

async function activity(db: Database, id: string): Promise<Found> {
  const o = await repo.findActivityOrganization(db, id);
  return o && { type: 'organization', id: o.id, regionCode: o.region_code };
}

async function certificate(db: Database, id: string): Promise<Found> {
  const c = await repo.findCertificateHandler(db, id);
  return c && certificateHandler(c);
}

// Objects named by id in the path.

/** The organization in the path (`:id`): its own admins, or the region admins above it. */
export const organizationById = byId('organization', organization);
/** The organization in the path, for decisions about its people: also the admins of those above it. */
export const organizationDecisionById = byId('organization', async (db, id) => {
  const org = await organization(db, id);
  return org && decisionOver(db, org);
});
/** The organization that runs the activity in the path. */
export const activityById = byId('activity', activity);
/** Decisions about the activity's people (sign-ups, records): also the admins above its organization. */
export const activityDecisionById = byId('activity', async (db, id) => {
  const org = await activity(db, id);
  return org && decisionOver(db, org);
});
/** The organization that recorded the service record in the path, or one above it. */
export const recordDecisionById = byId('service_record', async (db, id) => {
  const r = await repo.findRecordOrganization(db, id);
  return r && decisionOver(db, (await organization(db, r.org_id))!);
});
/** Who handles the certificate in the path now: its issuing organization, or the recording unit's region. */
export const certificateById = byId('certificate', certificate);
/** Issuing a certificate decides about its volunteer: also the admins above the handling organization. */
export const certificateDecisionById = byId('certificate', async (db, id) => {
  const c = await certificate(db, id);
  return c && decisionOver(db, c);
});
/** The organization an import job in the path imports into. */
export const importJobById = byId('import_job', async (db, id) => {
  const o = await repo.findImportJobOrganization(db, id);
  return o && { type: 'organization', id: o.id, regionCode: o.region_code };
});
/** The scope of the active role grant in the path (revoking needs a grant over it). */
export const roleGrantById = byId('role_grant', async (db, id) => {
  const g = await repo.findActiveGrantScope(db, id);
  return g && grantScope(g);
});
/** The residence region of the volunteer in the path (region admins above it see them). */
export const volunteerById = byId('volunteer', async (db, id) => {
  const v = await repo.findVolunteerRegion(db, id);
  return v && { type: 'region', code: v.region_code };
});

/** A region found by a lookup, as a region target. */
const regionOf = (r: { code: string } | undefined): Found => r && { type: 'region', code: r.code };
/**
 * A star application in the path: the federation at its certifying level (the volunteer's district for 1–2
 * stars, city for 3–4, province for 5), so only region admins at that level or above review it.
 */
export const starApplicationById = byId('star_application', async (db, id) =>
  regionOf(await repo.findStarApplicationRegion(db, id)),
);
/** An objection in the path: the federation reviewing the application it is about. */
export const starObjectionById = byId('star_objection', async (db, id) =>
  regionOf(await repo.findStarObjectionRegion(db, id)),
);
/** A star certification in the path: the federation that certified it. */
export const starCertificationById = byId('star_certification', async (db, id) =>
  regionOf(await repo.findStarCertificationRegion(db, id)),
);
/** An honours round in the path: its region. */
export const honourRoundById = byId('honour_round', async (db, id) =>
  regionOf(await repo.findHonourRoundRegion(db, id)),
);
/** An honours nomination in the path: the region of its round. */
export const honourNominationById = byId('honour_nomination', async (db, id) =>
  regionOf(await repo.findHonourNominationRegion(db, id)),
);
/** A perks partner in the path: its region. */
export const partnerById = byId('partner', async (db, id) => regionOf(await repo.findPartnerRegion(db, id)));

// Scopes named in the query or the body: 403 OUT_OF_SCOPE outside the caller's scope.

/** The region in the query's `region`; without one, no target (the service keeps to the caller's scopes). */
export const regionInQuery: TargetRule = {
  resolve: (req, db) => {
    const region = queryField(req, 'region');
    return region ? scopeTarget(db, 'region', region) : Promise.resolve(null);
  },
};
/** The region in the body's `region`; without one, no target. */
export const regionInBody: TargetRule = {
  resolve: (req, db) => {
    const region = bodyField(req, 'region');
    return region ? scopeTarget(db, 'region', region) : Promise.resolve(null);
  },
};
/** The region in the body's `regionCode`, required (a dispatch need's place): 404 when it does not exist. */
export const regionCodeInBody: TargetRule = {
  resolve: (req, db) => scopeTarget(db, 'region', bodyField(req, 'regionCode') ?? ''),
};
/** The region a list names: in the body of a POST search, else in the query. */
export const regionInQueryOrBody: TargetRule = {
  resolve: (req, db) => (req.method === 'POST' ? regionInBody : regionInQuery).resolve(req, db),
};
/** The organization in the query's `orgId`. */
export const organizationInQuery: TargetRule = {
  resolve: (req, db) => scopeTarget(db, 'organization', queryField(req, 'orgId') ?? ''),
};
/** The scope a grant is given over (`scopeType` and `scopeId` in the body). */
export const grantScopeInBody: TargetRule = {
  resolve: (req, db) =>
    scopeTarget(
      db,
      bodyField(req, 'scopeType') === 'region' ? 'region' : 'organization',
      bodyField(req, 'scopeId') ?? '',
    ),
};
/** Registering on behalf: the organization in the body's `orgId`, else the region in `regionCode`. */
export const organizationOrRegionInBody: TargetRule = {
  resolve: (req, db) => {
    const orgId = bodyField(req, 'orgId');
    return orgId
      ? scopeTarget(db, 'organization', orgId)
      : scopeTarget(db, 'region', bodyField(req, 'regionCode') ?? '');
  },
};

/** The organization in the body's `orgId` (a team acting: 供单, 抢单; a nominating organization). */
export const organizationInBody: TargetRule = {
  resolve: (req, db) => scopeTarget(db, 'organization', bodyField(req, 'orgId') ?? ''),
};

/** A resident order in the path, for the units: the unit holding it now (and the units above it). */
export const dispatchOrderById = byId(
  'dispatch_order',
  async (db, id) => {
    const o = await repo.findDispatchOrderHolder(db, id);
    return o && { type: 'region', code: o.holder_code };
  },
  { notFound: 'DISPATCH_ORDER_NOT_FOUND' },
);
/** A resident order in the path, for the team it is offered to or served by. */
export const dispatchTeamOrderById = byId(
  'dispatch_order',
  async (db, id) => {
    const o = await repo.findDispatchOrderTeam(db, id);
    return o && { type: 'organization', id: o.id, regionCode: o.region_code };
  },
  { notFound: 'DISPATCH_ORDER_NOT_FOUND' },
);
/** A menu item in the path: the unit publishing it (and the units above it). */
export const dispatchMenuItemById = byId(
  'dispatch_menu_item',
  async (db, id) => {
    const o = await repo.findDispatchMenuItemUnit(db, id);
    return o && { type: 'region', code: o.unit_code };
  },
  { notFound: 'DISPATCH_ITEM_NOT_FOUND' },
);
/** A station (阵地): its region decides (region admins of the station's region subtree). */
export const stationById = byId(
  'station',
  async (db, id) => {
    const s = await repo.findStation(db, id);
    return s && { type: 'region', code: s.region_code };
  },
  { notFound: 'STATION_NOT_FOUND' },
);

/**
 * A civic-supervision case: its responsible unit (an organization: the unit's admins handle it) in the
 * region where the problem is (that region's admins supervise it). A case no rule routed to a unit is the
 * region admins' alone.
 */
export const civicCaseById = byId(
  'civic_case',
  async (db, id) => {
    const c = await repo.findCivicCase(db, id);
    if (!c) return undefined;
    return c.unit_org_id
      ? { type: 'organization', id: c.unit_org_id, regionCode: c.region_code }
      : { type: 'region', code: c.region_code };
  },
  { notFound: 'CIVIC_CASE_NOT_FOUND' },
);

/**
 * A funding round's owner: the foundation funding it (its admins; the region admins over the round's region
 * supervise it too), else the level body of its region (region admins of that subtree).
 */
const roundOwner = (r: { code: string; funder: string | null } | undefined): Found =>
  r &&
  (r.funder ? { type: 'organization', id: r.funder, regionCode: r.code } : { type: 'region', code: r.code });
/** A funding round in the path, for its owner. */
export const fundingRoundById = byId(
  'funding_round',
  async (db, id) => roundOwner(await repo.findFundingRound(db, id)),
  { notFound: 'FUNDING_ROUND_NOT_FOUND' },
);
/** Creating a round: the funding foundation in the body's `funderOrgId`, else the region in `region`. */
export const fundingOwnerInBody: TargetRule = {
  resolve: (req, db) => {
    const funder = bodyField(req, 'funderOrgId');
    return funder ? scopeTarget(db, 'organization', funder) : regionInBody.resolve(req, db);
  },
};
/** A funding proposal in the path, for its organization's admins (editing, submitting, attachments). */
export const fundingProposalById = byId(
  'funding_proposal',
  async (db, id) => {
    const p = await repo.findFundingProposal(db, id);
    return p && { type: 'organization', id: p.org_id, regionCode: p.org_region };
  },
  { notFound: 'FUNDING_PROPOSAL_NOT_FOUND' },
);
/** A funding proposal in the path, for the round's owner (first review, award, milestones, evaluation). */
export const fundingProposalRoundById = byId(
  'funding_proposal',
  async (db, id) => {
    const p = await repo.findFundingProposal(db, id);
    return p && roundOwner({ code: p.round_region, funder: p.round_funder });
  },
  { notFound: 'FUNDING_PROPOSAL_NOT_FOUND' },
);
/** A milestone in the path, for the funded organization's admins (reports). */
export const fundingMilestoneById = byId(
  'funding_milestone',
  async (db, id) => {
    const m = await repo.findFundingMilestone(db, id);
    return m && { type: 'organization', id: m.org_id, regionCode: m.org_region };
  },
  { notFound: 'FUNDING_MILESTONE_NOT_FOUND' },
);
/** A milestone report in the path, for the round's owner (accept or return). */
export const fundingReportById = byId(
  'funding_report',
  async (db, id) => roundOwner(await repo.findFundingReportRound(db, id)),
  { notFound: 'FUNDING_REPORT_NOT_FOUND' },
);
/** A training course's owner: its organization (and, for decisions, those above it), or its level body. */
async function courseOwner(db: Database, id: string): Promise<Found> {
  const c = await repo.findCourseOwner(db, id);
  if (!c) return undefined;
  return c.owner_org_id
    ? { type: 'organization', id: c.owner_org_id, regionCode: c.region_code }
    : { type: 'region', code: c.owner_region_code! };
}
/** A training course in the path: its owning organization's admins, or the region admins over its owner. */
export const courseById = byId('training_course', courseOwner, { notFound: 'COURSE_NOT_FOUND' });
/** Recording completions decides about the attendees: also the admins above the owning organization. */
export const courseDecisionById = byId(
  'training_course',
  async (db, id) => {
    const owner = await courseOwner(db, id);
    return owner && decisionOver(db, owner);
  },
  { notFound: 'COURSE_NOT_FOUND' },
);
/** A certificate claim in the path: the region admins over its volunteer's residence. */
export const qualificationClaimById = byId(
  'qualification_claim',
  async (db, id) => regionOf(await repo.findClaimRegion(db, id)),
  { notFound: 'CLAIM_NOT_FOUND' },
);
/** A held qualification in the path: the region admins over its holder's residence. */
export const qualificationById = byId(
  'qualification',
  async (db, id) => regionOf(await repo.findQualificationRegion(db, id)),
  { notFound: 'QUALIFICATION_NOT_FOUND' },
);
/** The organization in the query's `orgId`, else the region in `region`, else none (the caller's scopes). */
export const organizationOrRegionInQuery: TargetRule = {
  resolve: (req, db) => {
    const orgId = queryField(req, 'orgId');
    if (orgId) return scopeTarget(db, 'organization', orgId);
    return regionInQuery.resolve(req, db);
  },
};

/** An insurance policy: the region it was entered under (its admins and those above withdraw it). */
export const insurancePolicyById = byId(
  'insurance_policy',
  async (db, id) => regionOf(await repo.findInsurancePolicyRegion(db, id)),
  { notFound: 'INSURANCE_POLICY_NOT_FOUND' },
);
