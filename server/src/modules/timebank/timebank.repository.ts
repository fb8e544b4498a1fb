import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { FamilyRelation, TimebankAccountKind, TimebankTransferKind } from '../../db/schema.timebank.ts';

/** SQL of the time bank's ledger: schemes, accounts, transfers, deposits, statements, reconciliation. */

export const SCHEME_COLUMNS = [
  'id',
  'region_code',
  'name',
  'minutes_per_point',
  'spend_threshold_minutes',
  'balance_cap',
  'expiry_days',
  'updated_at',
] as const;

export async function schemeByRegion(db: Database, region: string) {
  return db
    .selectFrom('timebank_schemes')
    .select(SCHEME_COLUMNS)
    .where('region_code', '=', region)
    .executeTakeFirst();
}

export async function schemeById(db: Database, id: string) {
  return db.selectFrom('timebank_schemes').select(SCHEME_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** The scheme of the nearest region among `codes` (the region itself first, then its ancestors). */
export async function nearestScheme(db: Database, codes: string[]) {
  const rows = await db
    .selectFrom('timebank_schemes')
    .select(SCHEME_COLUMNS)
    .where('region_code', 'in', codes)
    .execute();
  for (const c of codes) {
    const s = rows.find((r) => r.region_code === c);
    if (s) return s;
  }
  return undefined;
}

/** Schemes at or below the region prefixes given (an admin's scopes). */
export async function schemesUnder(db: Database, prefixes: string[]) {
  if (prefixes.length === 0) return [];
  return db
    .selectFrom('timebank_schemes')
    .select(SCHEME_COLUMNS)
    .where((eb) => eb.or(prefixes.map((p) => eb('region_code', 'like', `${p}%`))))
    .orderBy('region_code')
    .execute();
}

export interface SchemeValues {
  region_code: string;
  name: string;
  minutes_per_point: number;
  spend_threshold_minutes: number;
  balance_cap: number | null;
  expiry_days: number | null;
  updated_by: string;
  updated_at: Date;
}

export async function upsertScheme(db: Database, v: SchemeValues) {
  return db
    .insertInto('timebank_schemes')
    .values(v)
    .onConflict((oc) =>
      oc.column('region_code').doUpdateSet({
        name: v.name,
        minutes_per_point: v.minutes_per_point,
        spend_threshold_minutes: v.spend_threshold_minutes,
        balance_cap: v.balance_cap,
        expiry_days: v.expiry_days,
        updated_by: v.updated_by,
        updated_at: v.updated_at,
      }),
    )
    .returning(SCHEME_COLUMNS)
    .executeTakeFirstOrThrow();
}

const SYSTEM_KINDS = ['issuance', 'pool', 'grant_fund', 'services'] as const;
export type SystemKind = (typeof SYSTEM_KINDS)[number];

/** The scheme's issuance, pool, grant fund and services accounts, made on first use. */
export async function ensureSystemAccounts(db: Database, schemeId: string) {
  await db
    .insertInto('timebank_accounts')
    .values(SYSTEM_KINDS.map((kind) => ({ scheme_id: schemeId, kind })))
    .onConflict((oc) =>
      oc
        .columns(['scheme_id', 'kind'])
        .where('kind', 'in', [...SYSTEM_KINDS])
        .doNothing(),
    )
    .execute();
}

export async function systemAccount(db: Database, schemeId: string, kind: SystemKind) {
  const r = await db
    .selectFrom('timebank_accounts')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return r.id;
}

const ACCOUNT_VIEW = [
  'a.id',
  'a.scheme_id',
  'a.kind',
  'a.volunteer_id',
  'a.org_id',
  'a.label',
  'a.relation',
  'a.note',
  'a.balance',
  's.balance_cap',
  's.region_code',
  's.name as scheme_name',
] as const;

export type AccountRow = Awaited<ReturnType<typeof accountById>> & object;

export async function accountById(db: Database, id: string) {
  return db
    .selectFrom('timebank_accounts as a')
    .innerJoin('timebank_schemes as s', 's.id', 'a.scheme_id')
    .select(ACCOUNT_VIEW)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/** A volunteer's own accounts (one per scheme) and the family accounts they registered. */
export async function accountsOfVolunteer(db: Database, volunteerId: string) {
  return db
    .selectFrom('timebank_accounts as a')
    .innerJoin('timebank_schemes as s', 's.id', 'a.scheme_id')
    .leftJoin('timebank_volunteer_state as st', (j) =>
      j.onRef('st.scheme_id', '=', 'a.scheme_id').onRef('st.volunteer_id', '=', 'a.volunteer_id'),
    )
    .select([
      ...ACCOUNT_VIEW,
      's.spend_threshold_minutes',
      sql<number>`coalesce(st.minutes, 0)`.as('confirmed_minutes'),
      sql<number>`coalesce(st.owed, 0)`.as('owed'),
    ])
    .where('a.volunteer_id', '=', volunteerId)
    .where('a.kind', 'in', ['volunteer', 'family'])
    .orderBy('s.region_code')
    .orderBy('a.kind', 'desc')
    .orderBy('a.created_at')
    .execute();
}

export async function accountsOfScheme(
  db: Database,
  schemeId: string,
  kind: TimebankAccountKind | undefined,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('timebank_accounts as a')
    .innerJoin('timebank_schemes as s', 's.id', 'a.scheme_id')
    .where('a.scheme_id', '=', schemeId);
  if (kind) q = q.where('a.kind', '=', kind);
  const [rows, count] = await Promise.all([
    q
      .select(ACCOUNT_VIEW)
      .orderBy('a.kind')
      .orderBy('a.created_at')
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function insertAccount(
  db: Database,
  v: {
    scheme_id: string;
    kind: TimebankAccountKind;
    volunteer_id?: string | null;
    org_id?: string | null;
    label?: string | null;
    relation?: FamilyRelation | null;
    note?: string | null;
    created_by?: string | null;
  },
) {
  return (await db.insertInto('timebank_accounts').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** The volunteer's account in the scheme, made on first use. */
export async function ensureVolunteerAccount(db: Database, schemeId: string, volunteerId: string) {
  await db
    .insertInto('timebank_accounts')
    .values({ scheme_id: schemeId, kind: 'volunteer', volunteer_id: volunteerId })
    .onConflict((oc) => oc.columns(['scheme_id', 'volunteer_id']).where('kind', '=', 'volunteer').doNothing())
    .execute();
  const r = await db
    .selectFrom('timebank_accounts')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('volunteer_id', '=', volunteerId)
    .where('kind', '=', 'volunteer')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Holds the account's row until the transaction ends and answers its balance then. */
export async function holdAccount(db: Database, id: string): Promise<number> {
  const r = await sql<{ b: string | number | null }>`SELECT timebank_hold_account(${id}::uuid) AS b`.execute(
    db,
  );
  return Number(r.rows[0]!.b);
}

export interface TransferValues {
  scheme_id: string;
  debit_account_id: string;
  credit_account_id: string;
  amount: number;
  kind: TimebankTransferKind;
  reason?: string | null;
  actor_id?: string | null;
  approver_id?: string | null;
  reverses_id?: number | null;
  record_id?: string | null;
  booking_id?: string | null;
  at: Date;
}

/** Appends one transfer; the trigger moves both balances (and refuses an overdraft) in this statement. */
export async function insertTransfer(db: Database, v: TransferValues): Promise<number> {
  const r = await db.insertInto('timebank_transfers').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

const TRANSFER_VIEW = [
  't.id',
  't.scheme_id',
  't.kind',
  't.debit_account_id',
  't.credit_account_id',
  't.amount',
  't.reason',
  't.actor_id',
  't.approver_id',
  't.reverses_id',
  't.at',
] as const;

export async function transferById(db: Database, id: number) {
  return db
    .selectFrom('timebank_transfers as t')
    .select(TRANSFER_VIEW)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Whether a transfer has been reversed already. */
export async function reversalOf(db: Database, id: number) {
  return db.selectFrom('timebank_transfers').select('id').where('reverses_id', '=', id).executeTakeFirst();
}

// ---- deposits ----

/** Claims (record, event kind) for the time bank: false when it was applied already (a redelivery). */
export async function claimDeposit(
  db: Database,
  v: {
    record_id: string;
    event_kind: 'confirmed' | 'corrected' | 'superseded';
    scheme_id: string;
    volunteer_id: string;
    minutes: number;
    at: Date;
  },
) {
  const r = await db
    .insertInto('timebank_deposits')
    .values(v)
    .onConflict((oc) => oc.columns(['record_id', 'event_kind']).doNothing())
    .returning('record_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** The scheme the record's confirmation was banked in (for its later supersession). */
export async function depositSchemeOf(db: Database, recordId: string) {
  const r = await db
    .selectFrom('timebank_deposits')
    .select(['scheme_id', 'minutes'])
    .where('record_id', '=', recordId)
    .where('event_kind', 'in', ['confirmed', 'corrected'])
    .executeTakeFirst();
  return r;
}

export async function holdVolunteerState(db: Database, schemeId: string, volunteerId: string) {
  await db
    .insertInto('timebank_volunteer_state')
    .values({ scheme_id: schemeId, volunteer_id: volunteerId })
    .onConflict((oc) => oc.columns(['scheme_id', 'volunteer_id']).doNothing())
    .execute();
  return db
    .selectFrom('timebank_volunteer_state')
    .select(['minutes', 'points', 'owed'])
    .where('scheme_id', '=', schemeId)
    .where('volunteer_id', '=', volunteerId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function volunteerState(db: Database, schemeId: string, volunteerId: string) {
  return db
    .selectFrom('timebank_volunteer_state')
    .select(['minutes', 'points', 'owed'])
    .where('scheme_id', '=', schemeId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirst();
}

export async function setVolunteerState(
  db: Database,
  schemeId: string,
  volunteerId: string,
  s: { minutes: number; points: number; owed: number },
) {
  await db
    .updateTable('timebank_volunteer_state')
    .set(s)
    .where('scheme_id', '=', schemeId)
    .where('volunteer_id', '=', volunteerId)
    .execute();
}

// ---- statements and reconciliation ----

/** Balance of an account derived from its entries, optionally before an instant. */
export async function derivedBalance(db: Database, accountId: string, before?: Date) {
  const r = await sql<{ b: string | number }>`
    SELECT coalesce(sum(CASE WHEN credit_account_id = ${accountId}::uuid THEN amount ELSE -amount END), 0) AS b
    FROM timebank_transfers
    WHERE (credit_account_id = ${accountId}::uuid OR debit_account_id = ${accountId}::uuid)
      ${before ? sql`AND at < ${before}` : sql``}`.execute(db);
  return Number(r.rows[0]!.b);
}

export interface StatementRow {
  id: string | number;
  at: Date;
  kind: TimebankTransferKind;
  signed: string | number;
  reason: string | null;
  counterpart_kind: TimebankAccountKind;
  counterpart_label: string | null;
  running: string | number;
  record_title: string | null;
  record_date: string | null;
}

/**
 * The account's entries in [from, to), oldest first, each with the balance after it (a running sum over
 * every entry of the account, so the first line's balance already includes what came before `from`).
 */
export async function statementLines(
  db: Database,
  accountId: string,
  from: Date | undefined,
  to: Date | undefined,
  page: number,
  pageSize: number,
) {
  const base = sql`
    WITH lines AS (
      SELECT t.id, t.at, t.kind, t.reason, t.record_id,
        CASE WHEN t.credit_account_id = ${accountId}::uuid THEN t.amount ELSE -t.amount END AS signed,
        CASE WHEN t.credit_account_id = ${accountId}::uuid THEN t.debit_account_id ELSE t.credit_account_id END AS other
      FROM timebank_transfers t
      WHERE t.credit_account_id = ${accountId}::uuid OR t.debit_account_id = ${accountId}::uuid
    ), running AS (
      SELECT l.*, sum(l.signed) OVER (ORDER BY l.id) AS running FROM lines l
    )
    SELECT r.id, r.at, r.kind, r.reason, r.signed, r.running, o.kind AS counterpart_kind, o.label AS counterpart_label,
      sr.activity_title AS record_title, to_char(sr.service_date, 'YYYY-MM-DD') AS record_date
    FROM running r JOIN timebank_accounts o ON o.id = r.other
      -- The service record a deposit (or its reversal) banked, so the line can name it.
      LEFT JOIN service_records sr ON sr.id = r.record_id
    WHERE TRUE ${from ? sql`AND r.at >= ${from}` : sql``} ${to ? sql`AND r.at < ${to}` : sql``}`;
  const rows =
    await sql<StatementRow>`${base} ORDER BY r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(
      db,
    );
  const totals = await sql<{ n: number; credits: string | number; debits: string | number }>`
    SELECT count(*)::int AS n,
      coalesce(sum(CASE WHEN signed > 0 THEN signed END), 0) AS credits,
      coalesce(sum(CASE WHEN signed < 0 THEN -signed END), 0) AS debits
    FROM (${base}) x`.execute(db);
  const t = totals.rows[0]!;
  return { rows: rows.rows, total: Number(t.n), credits: Number(t.credits), debits: Number(t.debits) };
}

/** Every account of the scheme whose cached balance differs from its entries, and the scheme's totals. */
export async function reconcileScheme(db: Database, schemeId: string | null) {
  const filter = schemeId ? sql`WHERE a.scheme_id = ${schemeId}::uuid` : sql``;
  const mismatched = await sql<{ id: string; cached: string | number; derived: string | number }>`
    WITH moves AS (
      SELECT debit_account_id AS account, -amount::bigint AS delta FROM timebank_transfers
      UNION ALL
      SELECT credit_account_id, amount::bigint FROM timebank_transfers
    ), derived AS (SELECT account, sum(delta) AS derived FROM moves GROUP BY account)
    SELECT a.id, a.balance AS cached, coalesce(d.derived, 0) AS derived
    FROM timebank_accounts a LEFT JOIN derived d ON d.account = a.id
    ${filter} ${schemeId ? sql`AND` : sql`WHERE`} a.balance <> coalesce(d.derived, 0)`.execute(db);
  const totals = await sql<{ accounts: number; negative: number; sum: string | number }>`
    SELECT count(*)::int AS accounts,
      count(*) FILTER (WHERE a.kind <> 'issuance' AND a.balance < 0)::int AS negative,
      coalesce(sum(a.balance), 0) AS sum
    FROM timebank_accounts a ${filter}`.execute(db);
  const transfers = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM timebank_transfers ${schemeId ? sql`WHERE scheme_id = ${schemeId}::uuid` : sql``}`.execute(
    db,
  );
  const t = totals.rows[0]!;
  return {
    mismatched: mismatched.rows.map((m) => ({
      accountId: m.id,
      cached: Number(m.cached),
      derived: Number(m.derived),
    })),
    accounts: t.accounts,
    negative: t.negative,
    sum: Number(t.sum),
    transfers: transfers.rows[0]!.n,
  };
}

/** The user accounts linked to the volunteers owning these time-bank accounts (nobody decides their own). */
export async function ownerUsers(db: Database, accountIds: string[]) {
  const rows = await db
    .selectFrom('timebank_accounts as a')
    .innerJoin('volunteers as v', 'v.id', 'a.volunteer_id')
    .select('v.user_id')
    .where('a.id', 'in', accountIds)
    .execute();
  return rows.map((r) => r.user_id).filter((u): u is string => u !== null);
}

/** The organization's team account in the scheme, made on first use. */
export async function ensureTeamAccount(db: Database, schemeId: string, orgId: string) {
  await db
    .insertInto('timebank_accounts')
    .values({ scheme_id: schemeId, kind: 'team', org_id: orgId })
    .onConflict((oc) => oc.columns(['scheme_id', 'org_id']).where('kind', '=', 'team').doNothing())
    .execute();
  const r = await db
    .selectFrom('timebank_accounts')
    .select('id')
    .where('scheme_id', '=', schemeId)
    .where('org_id', '=', orgId)
    .where('kind', '=', 'team')
    .executeTakeFirstOrThrow();
  return r.id;
}
