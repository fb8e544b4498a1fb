import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import type { TimebankTransferKind } from '../../db/schema.timebank.ts';
import * as repo from './timebank.repository.ts';
import { splitAtCap } from './rules.ts';

/**
 * Moving points: every movement is one transfer row, and the database moves the balances and refuses an
 * overdraft or a balance past the cap. A refusal by the database becomes the same answer as the checks
 * the services make first (which give the clear message in the common case).
 */

export interface Move {
  schemeId: string;
  debit: string;
  credit: string;
  amount: number;
  kind: TimebankTransferKind;
  reason?: string | null;
  actorId?: string | null;
  approverId?: string | null;
  reversesId?: number | null;
  recordId?: string | null;
  bookingId?: string | null;
}

export async function move(tx: Ctx, m: Move): Promise<number> {
  try {
    return await repo.insertTransfer(tx.db, {
      scheme_id: m.schemeId,
      debit_account_id: m.debit,
      credit_account_id: m.credit,
      amount: m.amount,
      kind: m.kind,
      reason: m.reason ?? null,
      actor_id: m.actorId ?? null,
      approver_id: m.approverId ?? null,
      reverses_id: m.reversesId ?? null,
      record_id: m.recordId ?? null,
      booking_id: m.bookingId ?? null,
      at: tx.clock(),
    });
  } catch (e) {
    const err = e as { code?: string; constraint?: string; message?: string };
    if (
      err.code === '23514' &&
      (err.constraint === 'timebank_no_overdraft' || /no_overdraft/.test(err.message ?? ''))
    )
      throw new DomainError('TIMEBANK_INSUFFICIENT');
    if (
      err.code === '23514' &&
      (err.constraint === 'timebank_team_donates_only' || /only donates/.test(err.message ?? ''))
    )
      throw new DomainError('TIMEBANK_TEAM_DONATE_ONLY');
    if (err.code === '23514' && (err.constraint === 'timebank_cap' || /balance cap/.test(err.message ?? '')))
      throw new DomainError('TIMEBANK_CAP');
    throw e;
  }
}

/** Holds the paying account and checks it covers `amount` (the database would refuse it anyway). */
export async function ensureCovers(tx: Ctx, accountId: string, amount: number) {
  const balance = await repo.holdAccount(tx.db, accountId);
  if (balance < amount) throw new DomainError('TIMEBANK_INSUFFICIENT', { balance, amount });
  return balance;
}

/**
 * Credits a volunteer account up to the scheme's cap and the excess to the scheme's pool (both from
 * `debit`). Other accounts have no cap. Returns the transfer ids.
 */
export async function creditCapped(
  tx: Ctx,
  m: Move & { creditKind: string; cap: number | null },
): Promise<number[]> {
  const ids: number[] = [];
  let kept = m.amount;
  let excess = 0;
  if (m.creditKind === 'volunteer' && m.cap !== null) {
    const balance = await repo.holdAccount(tx.db, m.credit);
    ({ kept, excess } = splitAtCap(balance, m.amount, m.cap));
  }
  if (kept > 0) ids.push(await move(tx, { ...m, amount: kept }));
  if (excess > 0) {
    const pool = await repo.systemAccount(tx.db, m.schemeId, 'pool');
    ids.push(
      await move(tx, {
        ...m,
        credit: pool,
        amount: excess,
        kind: 'cap_excess',
        reason: m.reason ?? 'balance cap',
      }),
    );
  }
  return ids;
}
