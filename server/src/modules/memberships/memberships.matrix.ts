/**
 * Authorization-matrix fixtures for memberships. Staff routes act on a fresh membership in the relation's
 * organization; on the volunteer's own side each signed-in actor is a volunteer acting on its own
 * memberships, each in a different organization so the one-open-membership rule does not interfere.
 */
import type { TestApp } from '../../test/harness.ts';
import { targeted, type MatrixFixtures } from '../../test/matrix.ts';
import { addVolunteerRecord } from './memberships.testkit.ts';

async function membership(
  t: TestApp,
  orgId: string,
  volunteerId: string,
  status: 'applied' | 'invited' | 'active',
) {
  const row = await t.handle.db
    .insertInto('memberships')
    .values({ org_id: orgId, volunteer_id: volunteerId, status })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const matrixFixtures: MatrixFixtures = ({ t, orgs, volunteerOf }) => ({
  'GET /api/organizations/:id/members': (rel) =>
    targeted(rel) ? { method: 'GET', url: `/api/organizations/${orgs[rel]}/members` } : null,
  'POST /api/organizations/:id/members/invite': async (rel) => {
    if (!targeted(rel)) return null;
    const v = await addVolunteerRecord(t(), null);
    return {
      method: 'POST',
      url: `/api/organizations/${orgs[rel]}/members/invite`,
      payload: { volunteerNo: v.volunteerNo },
    };
  },
  'POST /api/organizations/:id/members/:membershipId/decision': async (rel) => {
    if (!targeted(rel)) return null;
    const m = await membership(t(), orgs[rel], (await addVolunteerRecord(t(), null)).id, 'applied');
    return {
      method: 'POST',
      url: `/api/organizations/${orgs[rel]}/members/${m}/decision`,
      payload: { decision: 'approve' },
    };
  },
  'PATCH /api/organizations/:id/members/:membershipId': async (rel) => {
    if (!targeted(rel)) return null;
    const m = await membership(t(), orgs[rel], (await addVolunteerRecord(t(), null)).id, 'active');
    return {
      method: 'PATCH',
      url: `/api/organizations/${orgs[rel]}/members/${m}`,
      payload: { role: 'leader' },
    };
  },
  'POST /api/organizations/:id/join': async (rel, actor) => {
    if (rel !== 'self') return null;
    await volunteerOf(actor);
    return { method: 'POST', url: `/api/organizations/${orgs.same}/join` };
  },
  'GET /api/me/memberships': (rel) => (rel === 'self' ? { method: 'GET', url: '/api/me/memberships' } : null),
  'POST /api/me/memberships/:id/accept': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(t(), orgs.descendant, await volunteerOf(actor), 'invited')}/accept`,
        }
      : null,
  'POST /api/me/memberships/:id/decline': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(t(), orgs.sibling, await volunteerOf(actor), 'invited')}/decline`,
        }
      : null,
  'POST /api/me/memberships/:id/leave': async (rel, actor) =>
    rel === 'self'
      ? {
          method: 'POST',
          url: `/api/me/memberships/${await membership(t(), orgs.other_city, await volunteerOf(actor), 'active')}/leave`,
        }
      : null,
});
