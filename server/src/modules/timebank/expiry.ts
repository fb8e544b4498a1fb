import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './expiry.repository.ts';
import { move } from './ledger.ts';
import * as ledger from './timebank.repository.ts';

const DAY = 86_400_000;

/**
 * Points expire per scheme (expiry_days; none by default). Points are spent oldest first, so what an
 * account holds beyond the points credited within the last expiry_days is older than that and expires:
 * expired = balance − credits since the cut-off, when positive. It leaves as an 'expiry' transfer to the
 * scheme's issuance account (the points are retired; the scheme still sums to 0), with the rule as its
 * reason, never as an edit. The amount is computed on the account's locked row in the transaction that
 * moves it, and after it the balance equals the recent credits: a second run (a duplicate, a run after a
 * restart, another process) finds nothing more to expire, so each point expires exactly once.
 */
export async function expirePoints(ctx: Ctx): Promise<number> {
  let accounts = 0;
  const now = ctx.clock();
  for (const scheme of await repo.expiringSchemes(ctx.db)) {
    const days = scheme.expiry_days!;
    const cutoff = new Date(now.getTime() - days * DAY);
    for (const accountId of await repo.holdersWithPoints(ctx.db, scheme.id)) {
      const expired = await withTransaction(ctx, async (tx) => {
        const balance = await ledger.holdAccount(tx.db, accountId);
        const amount = balance - (await repo.creditsSince(tx.db, accountId, cutoff));
        if (amount <= 0) return 0;
        const reason = `积分有效期 ${days} 天：${cutoff.toISOString().slice(0, 10)} 前获得的积分过期`;
        const id = await move(tx, {
          schemeId: scheme.id,
          debit: accountId,
          credit: await ledger.systemAccount(tx.db, scheme.id, 'issuance'),
          amount,
          kind: 'expiry',
          reason,
        });
        await recordAudit(tx, {
          action: 'timebank.expired',
          result: 'ok',
          objectType: 'timebank_transfer',
          objectId: String(id),
          regionCode: scheme.region_code,
          details: { accountId, amount, expiryDays: days },
        });
        return amount;
      });
      if (expired > 0) accounts++;
    }
  }
  return accounts;
}
