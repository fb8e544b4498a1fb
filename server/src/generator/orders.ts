import { Rng, idPrefixOf } from './random.ts';
import type { Community, Params, Rows } from './model.ts';

/**
 * Orders and ratings (点单 / 派单 / 评单) of one community: a menu item of the community offered by its
 * first team, and residents' orders placed through the community (代点单 by the run's account, with the
 * resident's consent noted), most of them served by the team and rated. The counts are fixed before any
 * row is drawn (orderPlan), so the run's satisfaction (ratings of 4–5 ÷ all ratings, docs/statistics.md)
 * is exactly round(satisfaction × ratings) ÷ ratings over the whole run, whatever the seed.
 */

/** Orders per community: one per ten volunteers a year (at least one). */
export const ordersFor = (n: number, years: number) => Math.max(1, Math.round((n * years) / 10));
/** Completed (and rated) of a community's orders; one in twenty of the rest rejected, others waiting. */
export const completedOf = (orders: number) => Math.round(orders * 0.85);

/**
 * Good ratings (4–5) per community, allocated so the run's total is round(satisfaction × all ratings):
 * largest remainders, communities in order (the same allocation as the active volunteers').
 */
export function goodRatings(satisfaction: number, ratings: number[]): number[] {
  const total = ratings.reduce((s, r) => s + r, 0);
  const target = Math.round(satisfaction * total);
  const exact = ratings.map((r) => r * satisfaction);
  const out = exact.map((x) => Math.floor(x));
  let left = target - out.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (out[i]! < ratings[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

const SERVICES = [
  {
    title: '上门助老陪伴',
    description: '为独居老人提供上门陪伴、代购和简单家务。',
    scope: '每周上门陪伴两次，代购生活用品。',
  },
  {
    title: '家电简易维修',
    description: '志愿者上门检修小家电、更换灯具。',
    scope: '上门检修，材料由居民自备。',
  },
  {
    title: '儿童课后辅导',
    description: '为双职工家庭的小学生提供课后作业辅导。',
    scope: '工作日下午在党群服务站辅导作业。',
  },
];

const iso = (day: string, minutes: number) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000).toISOString();

/**
 * Draws a community's menu item, orders and ratings into `out` (plaintext in the `_enc` columns: the writer
 * seals them, as it does the volunteers' documents). `good` of the completed orders are rated 4–5.
 */
export function generateOrders(
  ctx: { params: Params; adminId: string; now: Date; days: string[] },
  c: Community,
  teamId: string,
  n: number,
  good: number,
  out: Rows,
) {
  const { params, adminId } = ctx;
  const rng = new Rng(`${params.seed}:orders:${c.code}`, idPrefixOf(c.code));
  const service = SERVICES[rng.int(0, SERVICES.length - 1)]!;
  const itemId = rng.uuid();
  const first = ctx.days[0]!;
  out.dispatch_menu_items.push({
    id: itemId,
    unit_code: c.code,
    unit_level: 5,
    category: '便民服务',
    title: service.title,
    description: service.description,
    team_ids: [teamId],
    status: 'approved',
    created_by: adminId,
    created_at: iso(first, 540),
  });
  const orders = ordersFor(n, params.years);
  const completed = completedOf(orders);
  // Scores: `good` of 4–5 (mostly 5), the rest 1–3; shuffled so good and bad mix over the year.
  const scores = rng.shuffle(
    Array.from({ length: completed }, (_, i) => (i < good ? (rng.chance(0.7) ? 5 : 4) : rng.int(1, 3))),
  );
  // Orders are placed at least ten days before "today", so a completed one was completed by then.
  const usable = ctx.days.slice(0, Math.max(1, ctx.days.length - 10));
  for (let i = 0; i < orders; i++) {
    const id = rng.uuid();
    const day = usable[rng.int(0, usable.length - 1)]!;
    const at = rng.int(480, 1140);
    const done = i < completed;
    const rejected = !done && i % 20 === 0;
    const phone = `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    const row: Record<string, unknown> = {
      id,
      item_id: itemId,
      requester_id: null,
      proxy_by: adminId,
      proxy_name_enc: `${c.name.slice(0, 2)}居民`,
      consent_note: '电话确认本人同意代为点单（生成数据）',
      description: service.description,
      region_code: c.code,
      region_level: 5,
      address_enc: `${c.district.name}${c.street.name}${c.name}`,
      preferred_at: iso(day, at + 3 * 1440),
      phone_enc: phone,
      phone_mask: `${phone.slice(0, 3)}****${phone.slice(7)}`,
      state: done ? 'completed' : rejected ? 'rejected' : 'review',
      holder_code: c.code,
      holder_level: 5,
      team_id: done ? teamId : null,
      scope: done ? service.scope : null,
      people_needed: done ? 1 : null,
      reject_reason: rejected ? '重复点单，已合并处理' : null,
      report: done ? '已按约定完成服务（生成数据）' : null,
      served_minutes: done ? rng.int(60, 180) : null,
      created_at: iso(day, at),
      reviewed_at: done || rejected ? iso(day, at + 60) : null,
      dispatched_at: done ? iso(day, at + 120) : null,
      accepted_at: done ? iso(day, at + 1440) : null,
      completed_at: done ? iso(day, at + 3 * 1440) : null,
    };
    out.dispatch_orders.push(row);
    if (done)
      out.dispatch_ratings.push({
        order_id: id,
        user_id: adminId,
        score: scores[i]!,
        comment: null,
        at: iso(day, at + 4 * 1440),
      });
  }
  return { orders, ratings: completed };
}
