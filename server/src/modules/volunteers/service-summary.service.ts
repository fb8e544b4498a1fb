import type { Ctx } from '../../core/ctx.ts';
import { membershipsOfVolunteer } from '../memberships/memberships.service.ts';
import { list as listRecords, totals } from '../records/records.service.ts';
import { volunteerInScope } from './scope.ts';

const TEAMS = 20;
const RECENT = 5;

/**
 * What staff need beside a volunteer's profile to place them: the teams they belong or applied to, their
 * confirmed hours (all time and this year) and latest records. Scope as for the profile: a volunteer
 * outside the caller's area reads as not found.
 */
export async function volunteerService(ctx: Ctx, id: string) {
  const v = await volunteerInScope(ctx, id);
  const [teams, t, recent] = await Promise.all([
    membershipsOfVolunteer(ctx, v.id, undefined, 1, TEAMS),
    totals(ctx.db, v.id, ctx.clock()),
    listRecords(ctx, { volunteerId: v.id }, 1, RECENT),
  ]);
  return { teams: teams.items, teamsTotal: teams.total, totals: t, recent: recent.items };
}
