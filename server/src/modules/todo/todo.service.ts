import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { TODO_ITEMS, type TodoKind, type TodoListView } from '@yiqi/shared/contracts/todo';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { chinaDate } from '../../core/dates.ts';
import { withTeams } from '../organizations/organizations.service.ts';
import * as repo from './todo.repository.ts';

/** Kinds only region admins handle (the region's own queues); the rest follow organizations too. */
const REGION_ONLY: ReadonlySet<TodoKind> = new Set(['organizationReviews', 'verifications']);

/**
 * The caller's to-do list across all their scopes (the route names no target): a region admin's region
 * subtrees, an org admin's organizations and the teams under them. Every kind the caller's roles handle is
 * listed, with its count and first items, even at 0.
 */
export async function todoList(ctx: Ctx): Promise<TodoListView> {
  const grants = actorOf(ctx).grants;
  const prefixes = grants
    .filter((g) => g.role === 'region_admin')
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  const ownOrgs = grants.filter((g) => g.role === 'org_admin' && g.orgId !== null).map((g) => g.orgId!);
  const scope: repo.TodoScope = { prefixes, orgIds: await withTeams(ctx, ownOrgs) };
  const today = chinaDate(ctx.clock());
  const n = TODO_ITEMS;

  const kinds: [TodoKind, () => Promise<{ rows: repo.TodoRow[]; total: number }>][] = [
    ['overdueRecords', () => repo.overdueRecords(ctx.db, scope, today, n)],
    ['organizationReviews', () => repo.organizationReviews(ctx.db, prefixes, n)],
    ['verifications', () => repo.verifications(ctx.db, prefixes, n)],
    ['certificates', () => repo.certificateRequests(ctx.db, scope, n)],
    ['recordDecisions', () => repo.recordDecisions(ctx.db, scope, n)],
    ['importBatches', () => repo.importBatches(ctx.db, scope, n)],
    ['membershipApplications', () => repo.membershipApplications(ctx.db, scope, n)],
    ['signupDecisions', () => repo.signupDecisions(ctx.db, scope, ctx.clock(), n)],
  ];
  const entries = [];
  for (const [kind, load] of kinds) {
    if (REGION_ONLY.has(kind) && !prefixes.length) continue;
    const { rows, total } = await load();
    entries.push({ kind, count: total, items: rows });
  }
  return { entries, total: entries.reduce((s, e) => s + e.count, 0) };
}
