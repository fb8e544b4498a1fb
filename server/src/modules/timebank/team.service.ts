import type { z } from 'zod';
import type { TeamTransferBody } from '@yiqi/shared/contracts/timebank';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { idempotent } from './idempotency.ts';
import { ensureCovers, move } from './ledger.ts';
import { receiverAllowed } from './rules.ts';
import * as repo from './timebank.repository.ts';
import { transferView } from './views.ts';

/**
 * A team's account (one per organization and scheme) gives points only to the donation pool. The check
 * here gives the clear answer; the database refuses any other transfer out of a team account as well
 * (timebank_team_donates_only), like the overdraft.
 */
export async function teamTransfer(ctx: Ctx, key: string | undefined, b: z.infer<typeof TeamTransferBody>) {
  return idempotent(ctx, key, { route: 'timebank.team_transfer', body: b }, async (tx) => {
    const s = await repo.schemeById(tx.db, b.schemeId);
    if (!s) throw new DomainError('TIMEBANK_NO_SCHEME');
    if (!receiverAllowed('team', b.to.kind, false)) throw new DomainError('TIMEBANK_TEAM_DONATE_ONLY');
    const from = await repo.ensureTeamAccount(tx.db, s.id, b.orgId);
    await ensureCovers(tx, from, b.amount);
    const id = await move(tx, {
      schemeId: s.id,
      debit: from,
      credit: await repo.systemAccount(tx.db, s.id, 'pool'),
      amount: b.amount,
      kind: 'donation',
      actorId: actorOf(tx).userId,
    });
    await recordAudit(tx, {
      action: 'timebank.team_donated',
      result: 'ok',
      objectType: 'timebank_transfer',
      objectId: String(id),
      regionCode: s.region_code,
      details: { orgId: b.orgId, amount: b.amount },
    });
    const t = (await repo.transferById(tx.db, id))!;
    return { transfer: transferView(t), balance: Number((await repo.accountById(tx.db, from))!.balance) };
  });
}
