import type { z } from 'zod';
import type { Grant, GrantBody, GrantDecisionBody } from '@yiqi/shared/contracts/timebank';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { iso } from '../../core/dates.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './grants.repository.ts';
import { idempotent } from './idempotency.ts';
import { ensureCovers, move } from './ledger.ts';
import * as ledger from './timebank.repository.ts';
import { accountInRegion, schemeOfRegion } from './timebank.service.ts';

/**
 * Community grants (Nanjing: a fund grants hours to priority elders, 80+ living alone …): one administrator
 * proposes an amount from the donation pool to an elder's account with a reason; nothing moves until a
 * second administrator approves (four eyes; the database refuses a decision by the proposer too).
 */

type Row = Awaited<ReturnType<typeof repo.grantsOfScheme>>[number];

const grantView = (g: Row, me: string): Grant => ({
  id: g.id,
  elderAccountId: g.elder_account_id,
  elderName: g.elder_name,
  amount: g.amount,
  reason: g.reason,
  status: g.status,
  proposedBy: g.proposer_name,
  decidedBy: g.decider_name,
  transferId: g.transfer_id === null ? null : Number(g.transfer_id),
  createdAt: iso(g.created_at),
  decidedAt: g.decided_at ? iso(g.decided_at) : null,
  canDecide: g.status === 'proposed' && g.proposed_by !== me,
});

export async function listGrants(ctx: Ctx, region: string) {
  const s = await schemeOfRegion(ctx, region);
  const me = actorOf(ctx).userId;
  return { items: (await repo.grantsOfScheme(ctx.db, s.id)).map((g) => grantView(g, me)) };
}

async function viewOf(tx: Ctx, schemeId: string, id: string) {
  const g = (await repo.grantsOfScheme(tx.db, schemeId)).find((x) => x.id === id)!;
  return grantView(g, actorOf(tx).userId);
}

export async function propose(ctx: Ctx, b: z.infer<typeof GrantBody>) {
  return withTransaction(ctx, async (tx) => {
    const { scheme, account } = await accountInRegion(tx, b.region, b.elderAccountId);
    if (account.kind !== 'elder') throw new DomainError('TIMEBANK_ACCOUNT_NOT_FOUND');
    const id = await repo.insertGrant(tx.db, {
      scheme_id: scheme.id,
      elder_account_id: account.id,
      amount: b.amount,
      reason: b.reason,
      proposed_by: actorOf(tx).userId,
      created_at: tx.clock(),
    });
    await recordAudit(tx, {
      action: 'timebank.grant_proposed',
      result: 'ok',
      objectType: 'timebank_grant',
      objectId: id,
      regionCode: b.region,
      details: { amount: b.amount, reason: b.reason },
    });
    return viewOf(tx, scheme.id, id);
  });
}

export async function decide(ctx: Ctx, key: string | undefined, b: z.infer<typeof GrantDecisionBody>) {
  return idempotent(ctx, key, { route: 'timebank.grant_decision', body: b }, async (tx) => {
    const s = await schemeOfRegion(tx, b.region);
    const g = await repo.grantById(tx.db, b.grantId, true);
    if (!g || g.scheme_id !== s.id) throw new DomainError('TIMEBANK_GRANT_NOT_FOUND');
    if (g.status !== 'proposed') throw new DomainError('TIMEBANK_GRANT_STATE');
    const me = actorOf(tx).userId;
    if (g.proposed_by === me) throw new DomainError('TIMEBANK_OWN_DECISION');
    let transferId: number | null = null;
    if (b.decision === 'approve') {
      const pool = await ledger.systemAccount(tx.db, s.id, 'pool');
      await ensureCovers(tx, pool, g.amount);
      transferId = await move(tx, {
        schemeId: s.id,
        debit: pool,
        credit: g.elder_account_id,
        amount: g.amount,
        kind: 'grant',
        reason: g.reason,
        actorId: g.proposed_by,
        approverId: me,
      });
    }
    await repo.decideGrant(tx.db, g.id, {
      status: b.decision === 'approve' ? 'approved' : 'refused',
      decided_by: me,
      decision_reason: b.reason || null,
      transfer_id: transferId,
      decided_at: tx.clock(),
    });
    await recordAudit(tx, {
      action: b.decision === 'approve' ? 'timebank.grant_approved' : 'timebank.grant_refused',
      result: 'ok',
      objectType: 'timebank_grant',
      objectId: g.id,
      regionCode: b.region,
      details: { amount: g.amount },
    });
    return viewOf(tx, s.id, g.id);
  });
}
