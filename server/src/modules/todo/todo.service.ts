import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { TODO_ITEMS, type TodoKind, type TodoListView } from '@yiqi/shared/contracts/todo';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
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
  // Counts may come from the streaming replica (docs/decisions/0022); an admin who just decided something
  // reads from the primary for a while (http/replica-routing.ts), so what they did is gone from the list.
  const db = readerOf(ctx);

  const kinds: [TodoKind, () => Promise<{ rows: repo.TodoRow[]; total: number }>][] = [
    ['overdueRecords', () => repo.overdueRecords(db, scope, today, n)],
    ['organizationReviews', () => repo.organizationReviews(db, prefixes, n)],
    ['verifications', () => repo.verifications(db, prefixes, n)],
    ['certificates', () => repo.certificateRequests(db, scope, n)],
    ['recordDecisions', () => repo.recordDecisions(db, scope, n)],
    ['importBatches', () => repo.importBatches(db, scope, n)],
    ['membershipApplications', () => repo.membershipApplications(db, scope, n)],
    ['signupDecisions', () => repo.signupDecisions(db, scope, ctx.clock(), n)],
  ];
  const entries = [];
  for (const [kind, load] of kinds) {
    if (REGION_ONLY.has(kind) && !prefixes.length) continue;
    const { rows, total } = await load();
    entries.push({ kind, count: total, items: rows });
  }
  return { entries, total: entries.reduce((s, e) => s + e.count, 0) };
}
