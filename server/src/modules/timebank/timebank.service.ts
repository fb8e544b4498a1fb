import type { z } from 'zod';
import type {
  AccountsQuery,
  ElderBody,
  FamilyBody,
  MyTimebank,
  Reconcile,
  ReverseBody,
  SchemeBody,
  Statement,
  TransferBody,
} from '@yiqi/shared/contracts/timebank';
import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ownVolunteer } from '../volunteers/profile.service.ts';
import { idempotent } from './idempotency.ts';
import { ensureCovers, move } from './ledger.ts';
import { mustReachThreshold, receiverAllowed } from './rules.ts';
import * as repo from './timebank.repository.ts';
import { accountView, schemeView, transferView } from './views.ts';

/** The time bank's schemes, accounts, volunteer transfers, statements, reversals and reconciliation. */

// ---- schemes (region administrators) ----

export async function listSchemes(ctx: Ctx, region: string | undefined) {
  const prefixes = region
    ? [region.replace(/0+$/, '') || region]
    : actorOf(ctx)
        .grants.filter((g) => g.role === 'region_admin')
        .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
  return { items: (await repo.schemesUnder(ctx.db, prefixes)).map(schemeView) };
}

export async function saveScheme(ctx: Ctx, b: z.infer<typeof SchemeBody>) {
  return withTransaction(ctx, async (tx) => {
    const s = await repo.upsertScheme(tx.db, {
      region_code: b.region,
      name: b.name,
      minutes_per_point: b.minutesPerPoint,
      spend_threshold_minutes: b.spendThresholdMinutes,
      balance_cap: b.balanceCap,
      expiry_days: b.expiryDays,
      updated_by: actorOf(tx).userId,
      updated_at: tx.clock(),
    });
    await repo.ensureSystemAccounts(tx.db, s.id);
    await recordAudit(tx, {
      action: 'timebank.scheme_saved',
      result: 'ok',
      objectType: 'timebank_scheme',
      objectId: s.id,
      regionCode: b.region,
      details: {
        minutesPerPoint: b.minutesPerPoint,
        spendThresholdMinutes: b.spendThresholdMinutes,
        balanceCap: b.balanceCap,
        expiryDays: b.expiryDays,
      },
    });
    return schemeView(s);
  });
}

/** The scheme of exactly this region (an administrator names the region whose scheme they manage). */
export async function schemeOfRegion(ctx: Ctx, region: string) {
  const s = await repo.schemeByRegion(ctx.db, region);
  if (!s) throw new DomainError('TIMEBANK_NO_SCHEME');
  return s;
}

/** An account of the region's scheme, else not found (never another scheme's, whatever the id). */
export async function accountInRegion(ctx: Ctx, region: string, accountId: string) {
  const s = await schemeOfRegion(ctx, region);
  const a = await repo.accountById(ctx.db, accountId);
  if (!a || a.scheme_id !== s.id) throw new DomainError('TIMEBANK_ACCOUNT_NOT_FOUND');
  return { scheme: s, account: a };
}

export async function listAccounts(ctx: Ctx, q: z.infer<typeof AccountsQuery>) {
  const s = await schemeOfRegion(ctx, q.region);
  const { rows, total } = await repo.accountsOfScheme(ctx.db, s.id, q.kind, q.page, q.pageSize);
  return { items: rows.map(accountView), total, page: q.page, pageSize: q.pageSize };
}

/** A priority elder's account (e.g. 80+ living alone), which community grants credit. */
export async function addElder(ctx: Ctx, b: z.infer<typeof ElderBody>) {
  return withTransaction(ctx, async (tx) => {
    const s = await schemeOfRegion(tx, b.region);
    const id = await repo.insertAccount(tx.db, {
      scheme_id: s.id,
      kind: 'elder',
      label: b.name,
      note: b.note,
      created_by: actorOf(tx).userId,
    });
    await recordAudit(tx, {
      action: 'timebank.elder_added',
      result: 'ok',
      objectType: 'timebank_account',
      objectId: id,
      regionCode: b.region,
    });
    return accountView((await repo.accountById(tx.db, id))!);
  });
}

// ---- the volunteer's own ----

/** The signed-in volunteer's accounts, how far they are from the spending threshold, and their family's. */
export async function mine(ctx: Ctx): Promise<MyTimebank> {
  const v = await ownVolunteer(ctx);
  const rows = await repo.accountsOfVolunteer(ctx.db, v.id);
  return {
    accounts: rows
      .filter((r) => r.kind === 'volunteer')
      .map((r) => ({
        ...accountView(r),
        confirmedMinutes: Number(r.confirmed_minutes),
        spendThresholdMinutes: r.spend_threshold_minutes,
        canSpend: Number(r.confirmed_minutes) >= r.spend_threshold_minutes,
        owed: Number(r.owed),
      })),
    family: rows.filter((r) => r.kind === 'family').map(accountView),
  };
}

/** One of the signed-in volunteer's accounts (their own or a family member's), else not found. */
export async function ownAccount(ctx: Ctx, accountId: string) {
  const v = await ownVolunteer(ctx);
  const a = await repo.accountById(ctx.db, accountId);
  if (!a || a.volunteer_id !== v.id) throw new DomainError('TIMEBANK_ACCOUNT_NOT_FOUND');
  return { volunteer: v, account: a };
}

/** Refuses spending before the volunteer's confirmed hours in the scheme reach its threshold. */
export async function checkThreshold(ctx: Ctx, schemeId: string, volunteerId: string) {
  const s = (await repo.schemeById(ctx.db, schemeId))!;
  const st = await repo.volunteerState(ctx.db, schemeId, volunteerId);
  if ((st?.minutes ?? 0) < s.spend_threshold_minutes)
    throw new DomainError('TIMEBANK_THRESHOLD', {
      confirmedMinutes: st?.minutes ?? 0,
      thresholdMinutes: s.spend_threshold_minutes,
    });
}

const MAX_FAMILY = 10;

/** Registers a close family member who may receive the volunteer's points (Hangzhou: 直系亲属). */
export async function registerFamily(ctx: Ctx, b: z.infer<typeof FamilyBody>) {
  const v = await ownVolunteer(ctx);
  return withTransaction(ctx, async (tx) => {
    const s = await repo.schemeById(tx.db, b.schemeId);
    if (!s) throw new DomainError('TIMEBANK_NO_SCHEME');
    const existing = (await repo.accountsOfVolunteer(tx.db, v.id)).filter((a) => a.kind === 'family');
    if (existing.length >= MAX_FAMILY) throw new DomainError('TIMEBANK_RECEIVER_NOT_ALLOWED');
    const id = await repo.insertAccount(tx.db, {
      scheme_id: s.id,
      kind: 'family',
      volunteer_id: v.id,
      label: b.name,
      relation: b.relation,
      created_by: actorOf(tx).userId,
    });
    await recordAudit(tx, {
      action: 'timebank.family_registered',
      result: 'ok',
      objectType: 'timebank_account',
      objectId: id,
      regionCode: s.region_code,
      details: { relation: b.relation },
    });
    return accountView((await repo.accountById(tx.db, id))!);
  });
}

/** A volunteer gives points to their registered close family or donates them to the pool. */
export async function transfer(ctx: Ctx, key: string | undefined, b: z.infer<typeof TransferBody>) {
  return idempotent(ctx, key, { route: 'timebank.transfer', body: b }, async (tx) => {
    const { volunteer, account: from } = await ownAccount(tx, b.fromAccountId);
    let credit: string;
    if (b.to.kind === 'family') {
      const to = await repo.accountById(tx.db, b.to.accountId);
      const ownFamily =
        !!to && to.kind === 'family' && to.volunteer_id === volunteer.id && to.scheme_id === from.scheme_id;
      if (!receiverAllowed(from.kind as 'volunteer', 'family', ownFamily))
        throw new DomainError('TIMEBANK_RECEIVER_NOT_ALLOWED');
      credit = to!.id;
    } else {
      if (!receiverAllowed(from.kind as 'volunteer', 'pool', false))
        throw new DomainError('TIMEBANK_RECEIVER_NOT_ALLOWED');
      credit = await repo.systemAccount(tx.db, from.scheme_id, 'pool');
    }
    if (mustReachThreshold(b.to.kind)) await checkThreshold(tx, from.scheme_id, volunteer.id);
    await ensureCovers(tx, from.id, b.amount);
    const id = await move(tx, {
      schemeId: from.scheme_id,
      debit: from.id,
      credit,
      amount: b.amount,
      kind: b.to.kind === 'pool' ? 'donation' : 'family',
      actorId: actorOf(tx).userId,
    });
    await recordAudit(tx, {
      action: b.to.kind === 'pool' ? 'timebank.donated' : 'timebank.family_transfer',
      result: 'ok',
      objectType: 'timebank_transfer',
      objectId: String(id),
      regionCode: from.region_code,
      details: { amount: b.amount },
    });
    const t = (await repo.transferById(tx.db, id))!;
    return { transfer: transferView(t), balance: Number((await repo.accountById(tx.db, from.id))!.balance) };
  });
}

// ---- statements ----

/** A calendar day in China as the instant it starts (statements are asked for by Chinese dates). */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDay = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

export async function statementOf(
  ctx: Ctx,
  account: repo.AccountRow,
  q: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number },
): Promise<Statement> {
  const from = q.from ? dayStart(q.from) : undefined;
  const to = q.to ? nextDay(q.to) : undefined;
  const [lines, opening, derived, closingDerived] = await Promise.all([
    repo.statementLines(ctx.db, account.id, from, to, q.page, q.pageSize),
    from ? repo.derivedBalance(ctx.db, account.id, from) : Promise.resolve(0),
    repo.derivedBalance(ctx.db, account.id),
    to ? repo.derivedBalance(ctx.db, account.id, to) : Promise.resolve(null),
  ]);
  return {
    account: accountView(account),
    from: q.from ?? null,
    to: q.to ?? null,
    opening,
    closing: closingDerived ?? derived,
    credits: lines.credits,
    debits: lines.debits,
    derivedBalance: derived,
    reconciled: derived === Number(account.balance),
    lines: {
      items: lines.rows.map((l) => ({
        transferId: Number(l.id),
        at: new Date(l.at).toISOString(),
        kind: l.kind,
        amount: Number(l.signed),
        counterpartKind: l.counterpart_kind,
        counterpartLabel: l.counterpart_label,
        reason: l.reason,
        balance: Number(l.running),
        record: l.record_date ? { activityTitle: l.record_title ?? '', serviceDate: l.record_date } : null,
      })),
      total: lines.total,
      page: q.page,
      pageSize: q.pageSize,
    },
  };
}

export async function myStatement(
  ctx: Ctx,
  q: {
    accountId: string;
    from?: string | undefined;
    to?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const { account } = await ownAccount(ctx, q.accountId);
  return statementOf(ctx, account, q);
}

export async function adminStatement(
  ctx: Ctx,
  q: {
    region: string;
    accountId: string;
    from?: string | undefined;
    to?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const { account } = await accountInRegion(ctx, q.region, q.accountId);
  return statementOf(ctx, account, q);
}

// ---- reversal and reconciliation ----

const REVERSIBLE = new Set(['donation', 'family', 'grant']);

/**
 * A correction of a donation, a family transfer or a grant: a new transfer the other way, with a reason
 * and the approving administrator, never an edit. Deposits follow the records and holds the bookings, so
 * those are corrected there. Nobody approves the reversal of their own entries.
 */
export async function reverse(ctx: Ctx, key: string | undefined, b: z.infer<typeof ReverseBody>) {
  return idempotent(ctx, key, { route: 'timebank.reverse', body: b }, async (tx) => {
    const s = await schemeOfRegion(tx, b.region);
    const t = await repo.transferById(tx.db, b.transferId);
    if (!t || t.scheme_id !== s.id) throw new DomainError('TIMEBANK_TRANSFER_NOT_FOUND');
    if (!REVERSIBLE.has(t.kind)) throw new DomainError('TIMEBANK_NOT_REVERSIBLE');
    if (await repo.reversalOf(tx.db, Number(t.id))) throw new DomainError('TIMEBANK_ALREADY_REVERSED');
    const me = actorOf(tx).userId;
    const owners = await repo.ownerUsers(tx.db, [t.debit_account_id, t.credit_account_id]);
    if (t.actor_id === me || owners.includes(me)) throw new DomainError('TIMEBANK_OWN_DECISION');
    await ensureCovers(tx, t.credit_account_id, t.amount);
    const id = await move(tx, {
      schemeId: s.id,
      debit: t.credit_account_id,
      credit: t.debit_account_id,
      amount: t.amount,
      kind: 'reversal',
      reason: b.reason,
      approverId: me,
      reversesId: Number(t.id),
    });
    await recordAudit(tx, {
      action: 'timebank.reversed',
      result: 'ok',
      objectType: 'timebank_transfer',
      objectId: String(id),
      regionCode: b.region,
      details: { reverses: Number(t.id), amount: t.amount, reason: b.reason },
    });
    return { transfer: transferView((await repo.transferById(tx.db, id))!) };
  });
}

/** Proves the cached balances equal the entries: per account, the scheme's sum (0), and no negative. */
export async function reconcile(ctx: Ctx, region: string | null): Promise<Reconcile> {
  const schemeId = region ? (await schemeOfRegion(ctx, region)).id : null;
  const r = await repo.reconcileScheme(ctx.db, schemeId);
  return { ...r, ok: r.mismatched.length === 0 && r.negative === 0 && r.sum === 0 };
}
