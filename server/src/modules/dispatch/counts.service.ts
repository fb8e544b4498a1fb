import type { CountsViewT } from '@yiqi/shared/contracts/dispatch';
import type { Ctx } from '../../core/ctx.ts';
import * as repo from './dispatch.repository.ts';
import { subtreePrefix } from './orders.service.ts';

/**
 * The figures of a unit (region subtree, by the order's community) for orders placed in [from, to):
 * received, rejected, dispatched, completed, completion rate, time per stage (median, p90; minutes),
 * overdue (flagged or escalated at least once), satisfaction (4–5 ÷ ratings; no rating is not a 0),
 * follow-ups opened by an unhappy rating and those closed; satisfaction also per team that served, per
 * menu item and per community.
 */
export async function counts(ctx: Ctx, region: string, from: string, to: string): Promise<CountsViewT> {
  const prefix = await subtreePrefix(ctx, region);
  const {
    totals: t,
    stages,
    satisfactionBy,
  } = await repo.counts(ctx.db, prefix, new Date(from), new Date(to));
  const n = (x: unknown) => Number(x ?? 0);
  const decided = n(t.received) - n(t.rejected) - n(t.withdrawn);
  const num = (x: unknown) => (x === null || x === undefined ? null : Math.round(Number(x) * 10) / 10);
  return {
    received: n(t.received),
    rejected: n(t.rejected),
    dispatched: n(t.dispatched),
    completed: n(t.completed),
    completionRate: decided > 0 ? n(t.completed) / decided : null,
    overdue: n(t.overdue),
    ratings: n(t.ratings),
    satisfaction: n(t.ratings) > 0 ? n(t.satisfied) / n(t.ratings) : null,
    followUps: n(t.follow_ups),
    followUpsClosed: n(t.follow_ups_closed),
    stages: stages.map((s) => ({
      stage: s.stage as 'review',
      count: n(s.n),
      median: num(s.median),
      p90: num(s.p90),
    })),
    satisfactionBy: {
      team: satisfactionBy.team.map(share),
      item: satisfactionBy.item.map(share),
      region: satisfactionBy.region.map(share),
    },
  };
}

function share(r: { id: string; name: string; ratings: number; satisfied: number }) {
  const ratings = Number(r.ratings);
  const satisfied = Number(r.satisfied);
  return { id: r.id, name: r.name, ratings, satisfied, satisfaction: satisfied / ratings };
}
