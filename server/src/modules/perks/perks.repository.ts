import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { LimitPeriod, PartnerKind } from '../../db/schema.perks.ts';

/** SQL of partners, perks, redemptions and the volunteer card (perks services). */

export function insertPartner(
  db: Database,
  row: { name: string; kind: PartnerKind; region_code: string; address: string | null; created_by: string },
) {
  return db.insertInto('partners').values(row).returning('id').executeTakeFirstOrThrow();
}

export function partnersIn(db: Database, prefixes: string[]) {
  return db
    .selectFrom('partners as p')
    .select(['p.id', 'p.name', 'p.kind', 'p.region_code', 'p.address', 'p.status'])
    .select([
      sql<string>`(SELECT count(*) FROM partner_staff s WHERE s.partner_id = p.id)`.as('staff'),
      sql<string>`(SELECT count(*) FROM perks k WHERE k.partner_id = p.id)`.as('perks'),
    ])
    .where((eb) => eb.or(prefixes.map((x) => eb('p.region_code', 'like', `${x}%`))))
    .orderBy('p.created_at', 'desc')
    .limit(500)
    .execute();
}

export function partnerById(db: Database, id: string) {
  return db
    .selectFrom('partners')
    .select(['id', 'name', 'kind', 'status', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function userByUsername(db: Database, username: string) {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export function insertStaff(db: Database, row: { partner_id: string; user_id: string; added_by: string }) {
  return db
    .insertInto('partner_staff')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function isStaff(db: Database, partnerId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('partner_staff')
    .select('user_id')
    .where('partner_id', '=', partnerId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function partnersOfStaff(db: Database, userId: string) {
  return db
    .selectFrom('partner_staff as s')
    .innerJoin('partners as p', 'p.id', 's.partner_id')
    .select(['p.id', 'p.name', 'p.kind'])
    .where('s.user_id', '=', userId)
    .where('p.status', '=', 'active')
    .orderBy('p.name')
    .execute();
}

export function insertPerk(
  db: Database,
  row: {
    partner_id: string;
    title: string;
    description: string | null;
    min_star: number;
    min_hours: number;
    discounts: number[];
    valid_from: string;
    valid_until: string;
    quota_total: number | null;
    per_person_limit: number;
    limit_period: LimitPeriod;
    created_by: string;
  },
) {
  return db.insertInto('perks').values(row).returning('id').executeTakeFirstOrThrow();
}

const perkSelect = (db: Database) =>
  db
    .selectFrom('perks as k')
    .innerJoin('partners as p', 'p.id', 'k.partner_id')
    .select([
      'k.id',
      'k.partner_id',
      'p.name as partner_name',
      'p.kind as partner_kind',
      'p.status as partner_status',
      'k.title',
      'k.description',
      'k.min_star',
      'k.min_hours',
      'k.discounts',
      'k.quota_total',
      'k.quota_used',
      'k.per_person_limit',
      'k.limit_period',
      'k.status',
      sql<string>`to_char(k.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string>`to_char(k.valid_until, 'YYYY-MM-DD')`.as('valid_until'),
    ]);
export type PerkRow = Awaited<ReturnType<typeof perkById>> & object;

export function perkById(db: Database, id: string) {
  return perkSelect(db).where('k.id', '=', id).executeTakeFirst();
}

export function perksOfPartner(db: Database, partnerId: string) {
  return perkSelect(db)
    .where('k.partner_id', '=', partnerId)
    .orderBy('k.created_at', 'desc')
    .limit(500)
    .execute();
}

/** Active perks of active partners valid on `today`. */
export function perksValidOn(db: Database, today: string) {
  return perkSelect(db)
    .where('k.status', '=', 'active')
    .where('p.status', '=', 'active')
    .where('k.valid_from', '<=', today)
    .where('k.valid_until', '>=', today)
    .orderBy('k.min_star')
    .orderBy('k.title')
    .limit(500)
    .execute();
}

/** How often the volunteer used each perk in the periods given ((perk, period key) pairs). */
export function usageOf(db: Database, volunteerId: string) {
  return db
    .selectFrom('perk_usage')
    .select(['perk_id', 'period_key', 'used'])
    .where('volunteer_id', '=', volunteerId)
    .execute();
}

export function volunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no', 'name', 'user_id', 'status'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}
export function volunteerById(db: Database, id: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no', 'name', 'user_id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export function volunteerByNo(db: Database, no: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'volunteer_no', 'name', 'user_id', 'status'])
    .where('volunteer_no', '=', no)
    .executeTakeFirst();
}

/** True when a code with this nonce was redeemed already. */
export async function nonceUsed(db: Database, nonce: string): Promise<boolean> {
  const r = await db
    .selectFrom('perk_redemptions')
    .select('id')
    .where('code_nonce', '=', nonce)
    .executeTakeFirst();
  return r !== undefined;
}

/** Single use: the code's nonce is unique; a second insert of it fails with a unique violation. */
export function insertRedemption(
  db: Database,
  row: {
    perk_id: string;
    volunteer_id: string;
    code_nonce: string;
    star_level: number;
    discount: number;
    period_key: string;
    redeemed_by: string;
    redeemed_at: Date;
  },
) {
  return db.insertInto('perk_redemptions').values(row).returning('id').executeTakeFirstOrThrow();
}

/**
 * Counts one use in the volunteer's period, only while under the limit: the conflict update waits on the
 * row of a concurrent redemption and re-reads `used`, so racing codes of one person cannot pass the limit.
 * Returns false at the limit.
 */
export async function countUse(
  db: Database,
  row: { perk_id: string; volunteer_id: string; period_key: string; max_uses: number },
): Promise<boolean> {
  const r = await db
    .insertInto('perk_usage')
    .values({ ...row, used: 1 })
    .onConflict((oc) =>
      oc
        .columns(['perk_id', 'volunteer_id', 'period_key'])
        .doUpdateSet({ used: sql`perk_usage.used + 1` })
        .where('perk_usage.used', '<', sql<number>`perk_usage.max_uses`),
    )
    .returning('used')
    .executeTakeFirst();
  return r !== undefined;
}

/** Takes one from the perk's quota while any is left (the row lock orders racing redemptions). */
export async function takeQuota(db: Database, perkId: string): Promise<boolean> {
  const r = await db
    .updateTable('perks')
    .set({ quota_used: sql`quota_used + 1` })
    .where('id', '=', perkId)
    .where((eb) => eb.or([eb('quota_total', 'is', null), eb('quota_used', '<', eb.ref('quota_total'))]))
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}
