import { sql, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DispatchOrdersTable } from '../../db/schema.dispatch.ts';

/** SQL of the dispatch module: menus, orders, their timeline (append-only) and ratings. */

/** A region's rows for a code (a city and its district-level entry share one), deepest level first. */
export function regionsByCode(db: Database, code: string) {
  return db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code', 'parent_level'])
    .where('code', '=', code)
    .orderBy('level', 'desc')
    .execute();
}

export function regionByKey(db: Database, code: string, level: number) {
  return db
    .selectFrom('regions')
    .select(['code', 'level', 'name', 'parent_code', 'parent_level'])
    .where('code', '=', code)
    .where('level', '=', level)
    .executeTakeFirst();
}

export function insertMenuItem(
  db: Database,
  v: {
    unit_code: string;
    unit_level: number;
    category: string;
    title: string;
    description: string;
    team_ids: string[];
    review_days?: number;
    dispatch_days?: number;
    accept_days?: number;
    escalate_days?: number;
    follow_up_days?: number;
    status: 'approved' | 'proposed';
    offered_by_org: string | null;
    offered_by_unit_code?: string | null;
    offered_by_unit_level?: number | null;
    created_by: string | null;
    created_at?: Date;
  },
) {
  return db.insertInto('dispatch_menu_items').values(v).returning('id').executeTakeFirstOrThrow();
}

const itemColumns = [
  'i.id',
  'i.unit_code',
  'i.unit_level',
  'r.name as unit_name',
  'i.category',
  'i.title',
  'i.description',
  'i.team_ids',
  'i.review_days',
  'i.dispatch_days',
  'i.accept_days',
  'i.escalate_days',
  'i.follow_up_days',
  'i.status',
  'i.offered_by_org',
  'i.offered_by_unit_code',
  'i.offered_by_unit_level',
  'ou.name as offered_by_unit_name',
  'i.decision_reason',
  'i.created_at',
] as const;

export function items(db: Database) {
  return (
    db
      .selectFrom('dispatch_menu_items as i')
      .innerJoin('regions as r', (j) =>
        j.onRef('r.code', '=', 'i.unit_code').onRef('r.level', '=', 'i.unit_level'),
      )
      // The village's station that offered it (村供单).
      .leftJoin('regions as ou', (j) =>
        j.onRef('ou.code', '=', 'i.offered_by_unit_code').onRef('ou.level', '=', 'i.offered_by_unit_level'),
      )
      .select(itemColumns)
  );
}

/** The approved items of the units whose codes are given (a community and its ancestors: the inherited menu). */
export function menuOfUnits(db: Database, codes: string[]) {
  return items(db)
    .where('i.unit_code', 'in', codes)
    .where('i.status', '=', 'approved')
    .orderBy('i.unit_level')
    .orderBy('i.category')
    .orderBy('i.title')
    .execute();
}

/** Items of units inside a subtree (prefix), any status: the unit's own menu management and offers. */
export function itemsUnder(db: Database, prefix: string, status?: string) {
  let q = items(db).where('i.unit_code', 'like', `${prefix}%`);
  if (status) q = q.where('i.status', '=', status as 'approved');
  return q.orderBy('i.unit_code').orderBy('i.category').orderBy('i.title').limit(500).execute();
}

export function itemById(db: Database, id: string) {
  return items(db).where('i.id', '=', id).executeTakeFirst();
}

export function decideItem(
  db: Database,
  id: string,
  status: 'approved' | 'refused',
  by: string,
  at: Date,
  reason: string | null = null,
) {
  return db
    .updateTable('dispatch_menu_items')
    .set({ status, decided_by: by, decided_at: at, decision_reason: reason })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .returning('id')
    .executeTakeFirst();
}

export function organizationNames(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organizations')
    .select(['id', 'name', 'region_code', 'status'])
    .where('id', 'in', ids)
    .execute();
}

export function insertOrder(db: Database, v: Parameters<ReturnType<Database['insertInto']>['values']>[0]) {
  return db
    .insertInto('dispatch_orders')
    .values(v as never)
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The order row (for a decision: under its row lock when `lock`). */
export function orderRow(db: Database, id: string, lock = false) {
  let q = db.selectFrom('dispatch_orders').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type OrderRow = NonNullable<Awaited<ReturnType<typeof orderRow>>>;

/**
 * Moves an order guarded by its state and version: the update happens only if nobody moved it meanwhile
 * (0 rows otherwise), so two racing decisions cannot both apply.
 */
export function moveOrder(
  db: Database,
  id: string,
  from: { state: string; version: number },
  patch: Updateable<DispatchOrdersTable>,
) {
  return db
    .updateTable('dispatch_orders')
    .set({ ...patch, version: from.version + 1 })
    .where('id', '=', id)
    .where('state', '=', from.state)
    .where('version', '=', from.version)
    .returningAll()
    .executeTakeFirst();
}

/**
 * 抢单: one guarded UPDATE, so of any number of racing claims exactly one finds the order still open (the
 * row lock of the first makes the others re-check `state = 'open'` and find it gone).
 */
export function claimOpenOrder(db: Database, id: string, orgId: string, at: Date) {
  return db
    .updateTable('dispatch_orders')
    .set({
      state: 'accepted',
      team_id: orgId,
      accepted_at: at,
      overdue: false,
      due_at: null,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('dispatch_menu_items as i')
          .select('i.id')
          .whereRef('i.id', '=', 'dispatch_orders.item_id')
          .where(sql<boolean>`${orgId}::uuid = ANY(i.team_ids)`),
      ),
    )
    .returningAll()
    .executeTakeFirst();
}

export function insertHop(
  db: Database,
  v: {
    order_id: string;
    action: string;
    from_state: string | null;
    to_state: string;
    from_unit: string | null;
    to_unit: string | null;
    to_team: string | null;
    by_user: string | null;
    at: Date;
    note: string | null;
    activity_id?: string | null;
  },
) {
  return db.insertInto('dispatch_hops').values(v).execute();
}

export function hopsOf(db: Database, orderId: string) {
  return db
    .selectFrom('dispatch_hops as h')
    .leftJoin('users as u', 'u.id', 'h.by_user')
    .leftJoin('organizations as o', 'o.id', 'h.to_team')
    .leftJoin('activities as a', 'a.id', 'h.activity_id')
    .select([
      'h.action',
      'h.from_state',
      'h.to_state',
      'h.from_unit',
      'h.to_unit',
      // A hop keeps the unit's code only; the timeline shows its name (the deepest level holding the
      // code: a city without districts has its code at two levels, with one name).
      sql<
        string | null
      >`(SELECT r.name FROM regions r WHERE r.code = h.from_unit ORDER BY r.level DESC LIMIT 1)`.as(
        'from_unit_name',
      ),
      sql<
        string | null
      >`(SELECT r.name FROM regions r WHERE r.code = h.to_unit ORDER BY r.level DESC LIMIT 1)`.as(
        'to_unit_name',
      ),
      'o.name as team_name',
      'u.display_name as by_name',
      'h.at',
      'h.note',
      'h.activity_id',
      'a.title as activity_title',
    ])
    .where('h.order_id', '=', orderId)
    .orderBy('h.id')
    .execute();
}

/** Orders with what every view shows (item, region names, team, rating). */
function orders(db: Database) {
  return db
    .selectFrom('dispatch_orders as d')
    .innerJoin('dispatch_menu_items as i', 'i.id', 'd.item_id')
    .innerJoin('regions as r', (j) =>
      j.onRef('r.code', '=', 'd.region_code').onRef('r.level', '=', 'd.region_level'),
    )
    .innerJoin('regions as h', (j) =>
      j.onRef('h.code', '=', 'd.holder_code').onRef('h.level', '=', 'd.holder_level'),
    )
    .leftJoin('organizations as t', 't.id', 'd.team_id')
    .leftJoin('dispatch_ratings as g', 'g.order_id', 'd.id');
}
const orderColumns = [
  'd.id',
  'd.item_id',
  'i.title as item_title',
  'i.category as item_category',
  'd.state',
  'd.description',
  'd.region_code',
  'r.name as region_name',
  'd.address_enc',
  'd.lat',
  'd.lng',
  'd.phone_mask',
  'd.preferred_at',
  'd.proxy_by',
  'd.consent_note',
  'd.requester_id',
  'd.holder_code',
  'd.holder_level',
  'h.name as holder_name',
  'd.team_id',
  't.name as team_name',
  'd.scope',
  'd.skills',
  'd.people_needed',
  'd.deadline',
  'd.report',
  'd.reject_reason',
  'd.due_at',
  'd.overdue',
  'd.escalations',
  'd.follow_up',
  'd.merged_into',
  'd.created_at',
  'd.reviewed_at',
  'd.dispatched_at',
  'd.accepted_at',
  'd.completed_at',
  'g.score as rating_score',
  'g.comment as rating_comment',
  'd.follow_up_note',
  sql<number>`cardinality(d.volunteer_ids)`.as('volunteer_count'),
  sql<
    { id: string; kind: 'order' | 'report' }[]
  >`(SELECT coalesce(json_agg(json_build_object('id', p.id, 'kind', p.kind) ORDER BY p.created_at, p.id), '[]'::json) FROM dispatch_photos p WHERE p.order_id = d.id)`.as(
    'photos',
  ),
] as const;

export function orderView(db: Database, id: string) {
  return orders(db).select(orderColumns).where('d.id', '=', id).executeTakeFirst();
}
export type OrderViewRow = NonNullable<Awaited<ReturnType<typeof orderView>>>;

/** The board: orders held by units inside the subtrees (prefixes), newest first. */
export function listOrdersHeldUnder(
  db: Database,
  prefixes: string[],
  f: { state?: string; overdue?: boolean; page: number; pageSize: number },
) {
  let q = orders(db).where((eb) => eb.or(prefixes.map((p) => eb('d.holder_code', 'like', `${p}%`))));
  if (f.state) q = q.where('d.state', '=', f.state);
  if (f.overdue !== undefined) q = q.where('d.overdue', '=', f.overdue);
  return Promise.all([
    q
      .select(orderColumns)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** A team's inbox: orders offered to it or served by it. */
export function listTeamOrders(db: Database, orgId: string, page: number, pageSize: number) {
  const q = orders(db).where('d.team_id', '=', orgId);
  return Promise.all([
    q
      .select(orderColumns)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
}

/** 抢单 list: open orders of items the team is eligible for. */
export function listGrabbable(db: Database, orgId: string) {
  return orders(db)
    .select(orderColumns)
    .where('d.state', '=', 'open')
    .where(sql<boolean>`${orgId}::uuid = ANY(i.team_ids)`)
    .orderBy('d.created_at')
    .limit(200)
    .execute();
}

export function listMyOrders(db: Database, userId: string) {
  return orders(db)
    .select(orderColumns)
    .where('d.requester_id', '=', userId)
    .orderBy('d.created_at', 'desc')
    .limit(200)
    .execute();
}

/** The ids of those volunteers who are active members of the team. */
export function activeMembers(db: Database, orgId: string, volunteerIds: string[]) {
  if (volunteerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('memberships')
    .select('volunteer_id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'active')
    .where('volunteer_id', 'in', volunteerIds)
    .execute();
}

export function userPhoneIndex(db: Database, userId: string) {
  return db.selectFrom('users').select(['phone_bidx']).where('id', '=', userId).executeTakeFirst();
}

/** A rating, once: the primary key refuses a second (0 rows inserted). */
export function insertRating(
  db: Database,
  v: { order_id: string; user_id: string; score: number; comment: string | null; at: Date },
) {
  return db
    .insertInto('dispatch_ratings')
    .values(v)
    .onConflict((oc) => oc.column('order_id').doNothing())
    .returning('order_id')
    .executeTakeFirst();
}

/** Counts for a subtree (prefix: orders whose community is inside it) and a period of ordering. */
export async function counts(db: Database, prefix: string, from: Date, to: Date) {
  const base = db
    .selectFrom('dispatch_orders as d')
    .where('d.region_code', 'like', `${prefix}%`)
    .where('d.created_at', '>=', from)
    .where('d.created_at', '<', to);
  const totals = await base
    .leftJoin('dispatch_ratings as g', 'g.order_id', 'd.id')
    .select([
      sql<number>`count(*)`.as('received'),
      sql<number>`count(*) FILTER (WHERE d.state = 'rejected')`.as('rejected'),
      sql<number>`count(*) FILTER (WHERE d.state IN ('merged', 'cancelled'))`.as('withdrawn'),
      sql<number>`count(*) FILTER (WHERE d.dispatched_at IS NOT NULL)`.as('dispatched'),
      sql<number>`count(*) FILTER (WHERE d.state = 'completed')`.as('completed'),
      sql<number>`count(*) FILTER (WHERE d.overdue OR d.escalations > 0)`.as('overdue'),
      sql<number>`count(g.score)`.as('ratings'),
      sql<number>`count(*) FILTER (WHERE g.score >= 4)`.as('satisfied'),
      sql<number>`count(*) FILTER (WHERE d.follow_up IS NOT NULL)`.as('follow_ups'),
      sql<number>`count(*) FILTER (WHERE d.follow_up = 'closed')`.as('follow_ups_closed'),
    ])
    .executeTakeFirstOrThrow();
  const minutes = (a: string, b: string) =>
    sql<number>`extract(epoch from (${sql.ref(b)} - ${sql.ref(a)})) / 60`;
  const stage = (name: string, a: string, b: string) =>
    base
      .select([
        sql<string>`${name}`.as('stage'),
        sql<number>`count(${sql.ref(b)})`.as('n'),
        sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes(a, b)})`.as('median'),
        sql<number | null>`percentile_cont(0.9) WITHIN GROUP (ORDER BY ${minutes(a, b)})`.as('p90'),
      ])
      .where(sql.ref(b), 'is not', null)
      .where(sql.ref(a), 'is not', null)
      .executeTakeFirstOrThrow();
  const stages = await Promise.all([
    stage('review', 'd.created_at', 'd.reviewed_at'),
    stage('dispatch', 'd.reviewed_at', 'd.dispatched_at'),
    stage('accept', 'd.dispatched_at', 'd.accepted_at'),
    stage('service', 'd.accepted_at', 'd.completed_at'),
  ]);
  // Satisfaction per team, menu item and community: rated orders only (no rating is not a rating of 0).
  const joins = {
    team: sql`JOIN organizations k ON k.id = d.team_id`,
    item: sql`JOIN dispatch_menu_items k ON k.id = d.item_id`,
    region: sql`JOIN regions k ON k.code = d.region_code AND k.level = d.region_level`,
  };
  const names = { team: sql`k.name`, item: sql`k.title`, region: sql`k.name` };
  const keys = { team: sql`k.id::text`, item: sql`k.id::text`, region: sql`k.code` };
  const by = async (kind: keyof typeof joins) =>
    (
      await sql<{ id: string; name: string; ratings: number; satisfied: number }>`
        SELECT ${keys[kind]} AS id, ${names[kind]} AS name, count(*)::int AS ratings,
          count(*) FILTER (WHERE g.score >= 4)::int AS satisfied
        FROM dispatch_orders d
        JOIN dispatch_ratings g ON g.order_id = d.id
        ${joins[kind]}
        WHERE d.region_code LIKE ${prefix + '%'} AND d.created_at >= ${from}::timestamptz AND d.created_at < ${to}::timestamptz
        GROUP BY 1, 2
        ORDER BY 3 DESC, 1
        LIMIT 50`.execute(db)
    ).rows;
  const [team, item, region] = await Promise.all([by('team'), by('item'), by('region')]);
  return { totals, stages, satisfactionBy: { team, item, region } };
}

export function volunteerNumbers(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no'])
    .where('id', 'in', ids)
    .orderBy('volunteer_no')
    .execute();
}

/** An unhappy rating (1–2) opens a follow-up (回访) at the unit; not a move of the order's state. */
export function openFollowUp(db: Database, id: string) {
  return db.updateTable('dispatch_orders').set({ follow_up: 'open' }).where('id', '=', id).execute();
}

/** Timer effects that are no move (the version stays, so the escalation timer still applies). */
export function markOverdue(db: Database, id: string, version: number) {
  return db
    .updateTable('dispatch_orders')
    .set({ overdue: true })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
