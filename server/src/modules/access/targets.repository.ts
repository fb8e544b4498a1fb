import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * The lookups behind every access target (targets.ts): what a request names, mapped to the region or
 * organization whose scope decides who may act on it. The only place these lookups query.
 */

/** A region's code, when it exists (a city and its district-level entry share one). */
export function findRegionCode(db: Database, code: string) {
  return db.selectFrom('regions').select('code').where('code', '=', code).limit(1).executeTakeFirst();
}

export function findOrganization(db: Database, id: string) {
  return db.selectFrom('organizations').select(['id', 'region_code']).where('id', '=', id).executeTakeFirst();
}

/**
 * The organizations above one (its parent, the parent's parent, …), nearest first, that are still active
 * (approved). The depth bound only guards against a row edited by hand (parents exist at registration).
 */
export function superiorOrganizations(db: Database, orgId: string) {
  return db
    .withRecursive('up(id, depth)', (qb) =>
      qb
        .selectFrom('organizations')
        .select(['parent_id as id', sql<number>`1`.as('depth')])
        .where('id', '=', orgId)
        .where('parent_id', 'is not', null)
        .unionAll(
          qb
            .selectFrom('organizations as o')
            .innerJoin('up as u', 'u.id', 'o.id')
            .select(['o.parent_id as id', sql<number>`u.depth + 1`.as('depth')])
            .where('o.parent_id', 'is not', null)
            .where('u.depth', '<', 20),
        ),
    )
    .selectFrom('up as u')
    .innerJoin('organizations as o', 'o.id', 'u.id')
    .select(['o.id', 'o.name'])
    .where('o.status', '=', 'approved')
    .orderBy('u.depth')
    .execute();
}

/** The organization that runs an activity. */
export function findActivityOrganization(db: Database, activityId: string) {
  return db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['o.id', 'o.region_code'])
    .where('a.id', '=', activityId)
    .executeTakeFirst();
}

/** The organization that recorded a service record. */
export function findRecordOrganization(db: Database, recordId: string) {
  return db.selectFrom('service_records').select('org_id').where('id', '=', recordId).executeTakeFirst();
}

/** Who handles a certificate now: its issuer (with its region), and the recording unit's region. */
export function findCertificateHandler(db: Database, certificateId: string) {
  return db
    .selectFrom('certificates as c')
    .innerJoin('organizations as o', 'o.id', 'c.org_id')
    .leftJoin('organizations as io', 'io.id', 'c.issuer_org_id')
    .select(['c.issuer_org_id', 'io.region_code as issuer_region_code', 'o.region_code as org_region_code'])
    .where('c.id', '=', certificateId)
    .executeTakeFirst();
}

/** The organization an import job imports into. */
export function findImportJobOrganization(db: Database, jobId: string) {
  return db
    .selectFrom('import_jobs as j')
    .innerJoin('organizations as o', 'o.id', 'j.org_id')
    .select(['o.id', 'o.region_code'])
    .where('j.id', '=', jobId)
    .executeTakeFirst();
}

/** An active role grant's scope: its organization (with its region) or its region. */
export function findActiveGrantScope(db: Database, grantId: string) {
  return db
    .selectFrom('role_grants as g')
    .leftJoin('organizations as o', 'o.id', 'g.org_id')
    .select(['g.region_code', 'g.org_id', 'o.region_code as org_region_code'])
    .where('g.id', '=', grantId)
    .where('g.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** A volunteer's residence region, which decides which region admins see them. */
export function findVolunteerRegion(db: Database, volunteerId: string) {
  return db.selectFrom('volunteers').select('region_code').where('id', '=', volunteerId).executeTakeFirst();
}

/** The unit holding a resident order now (dispatch). */
export function findDispatchOrderHolder(db: Database, orderId: string) {
  return db
    .selectFrom('dispatch_orders')
    .select(['holder_code'])
    .where('id', '=', orderId)
    .executeTakeFirst();
}

/** The team a resident order is offered to or served by (dispatch), with its region. */
export function findDispatchOrderTeam(db: Database, orderId: string) {
  return db
    .selectFrom('dispatch_orders as d')
    .innerJoin('organizations as o', 'o.id', 'd.team_id')
    .select(['o.id', 'o.region_code'])
    .where('d.id', '=', orderId)
    .executeTakeFirst();
}

/** The unit that publishes a menu item (dispatch). */
export function findDispatchMenuItemUnit(db: Database, itemId: string) {
  return db
    .selectFrom('dispatch_menu_items')
    .select(['unit_code'])
    .where('id', '=', itemId)
    .executeTakeFirst();
}
/** The federation region that reviews a star application (stars module). */
export function findStarApplicationRegion(db: Database, id: string) {
  return db
    .selectFrom('star_applications')
    .select('certifying_region as code')
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The federation region of the application an objection is about. */
export function findStarObjectionRegion(db: Database, id: string) {
  return db
    .selectFrom('star_objections as o')
    .innerJoin('star_applications as a', 'a.id', 'o.application_id')
    .select('a.certifying_region as code')
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** The federation region that certified a star (revocation goes there). */
export function findStarCertificationRegion(db: Database, id: string) {
  return db
    .selectFrom('star_certifications as c')
    .innerJoin('star_applications as a', 'a.id', 'c.application_id')
    .select('a.certifying_region as code')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The region of an honours round, or of the round a nomination belongs to. */
export function findHonourRoundRegion(db: Database, id: string) {
  return db.selectFrom('honour_rounds').select('region_code as code').where('id', '=', id).executeTakeFirst();
}
export function findHonourNominationRegion(db: Database, id: string) {
  return db
    .selectFrom('honour_nominations as n')
    .innerJoin('honour_rounds as r', 'r.id', 'n.round_id')
    .select('r.region_code as code')
    .where('n.id', '=', id)
    .executeTakeFirst();
}

/** The region of a perks partner (perks module). */
export function findPartnerRegion(db: Database, id: string) {
  return db.selectFrom('partners').select('region_code as code').where('id', '=', id).executeTakeFirst();
}
export function findStation(db: Database, id: string) {
  return db.selectFrom('stations').select('region_code').where('id', '=', id).executeTakeFirst();
}

export function findCivicCase(db: Database, id: string) {
  return db
    .selectFrom('civic_cases')
    .select(['region_code', 'unit_org_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Funding: a round's region; a proposal's organization and its round's region; a milestone's or report's. */
export function findFundingRound(db: Database, id: string) {
  return db
    .selectFrom('funding_rounds')
    .select(['region_code as code', 'funder_org_id as funder'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export function findFundingProposal(db: Database, id: string) {
  return db
    .selectFrom('funding_proposals as p')
    .innerJoin('funding_rounds as fr', 'fr.id', 'p.round_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select([
      'p.org_id',
      'o.region_code as org_region',
      'fr.region_code as round_region',
      'fr.funder_org_id as round_funder',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export function findFundingMilestone(db: Database, id: string) {
  return db
    .selectFrom('funding_milestones as m')
    .innerJoin('funding_proposals as p', 'p.id', 'm.proposal_id')
    .innerJoin('organizations as o', 'o.id', 'p.org_id')
    .select(['p.org_id', 'o.region_code as org_region'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}
export function findFundingReportRound(db: Database, id: string) {
  return db
    .selectFrom('funding_reports as fp')
    .innerJoin('funding_milestones as m', 'm.id', 'fp.milestone_id')
    .innerJoin('funding_proposals as p', 'p.id', 'm.proposal_id')
    .innerJoin('funding_rounds as fr', 'fr.id', 'p.round_id')
    .select(['fr.region_code as code', 'fr.funder_org_id as funder'])
    .where('fp.id', '=', id)
    .executeTakeFirst();
}

/** A training course's owner: an organization (with its region) or a level body's region. */
export function findCourseOwner(db: Database, id: string) {
  return db
    .selectFrom('training_courses')
    .select(['owner_org_id', 'owner_region_code', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The residence region of the volunteer a certificate claim is from. */
export function findClaimRegion(db: Database, id: string) {
  return db
    .selectFrom('qualification_claims as c')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select('v.region_code as code')
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** The residence region of a qualification's holder. */
export function findQualificationRegion(db: Database, id: string) {
  return db
    .selectFrom('qualifications as q')
    .innerJoin('volunteers as v', 'v.id', 'q.volunteer_id')
    .select('v.region_code as code')
    .where('q.id', '=', id)
    .executeTakeFirst();
}

export function findInsurancePolicyRegion(db: Database, id: string) {
  return db
    .selectFrom('insurance_policies')
    .select('region_code as code')
    .where('id', '=', id)
    .executeTakeFirst();
}
