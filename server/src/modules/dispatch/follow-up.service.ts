import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dispatch.repository.ts';
import * as inv from './invitations.repository.ts';
import { staffView } from './orders.service.ts';

/**
 * 回访: an unhappy rating (1–2) opened a follow-up at the unit holding the order; the unit closes it with a
 * note of what it found and did. Counted (counts.service: follow-ups opened and closed). Closing twice, or
 * an order without an open follow-up, is refused and changes nothing.
 */
export async function closeFollowUp(ctx: Ctx, id: string, note: string) {
  if (!note.trim()) throw new DomainError('DISPATCH_NOTE_REQUIRED');
  return withTransaction(ctx, async (tx) => {
    const o = await repo.orderRow(tx.db, id, true);
    if (!o) throw new DomainError('DISPATCH_ORDER_NOT_FOUND');
    const now = tx.clock();
    const me = actorOf(tx).userId;
    if (!(await inv.closeFollowUp(tx.db, id, { note, by: me, at: now })))
      throw new DomainError('DISPATCH_FOLLOW_UP_NOT_OPEN');
    await repo.insertHop(tx.db, {
      order_id: id,
      action: 'follow_up_closed',
      from_state: o.state,
      to_state: o.state,
      from_unit: o.holder_code,
      to_unit: o.holder_code,
      to_team: null,
      by_user: me,
      at: now,
      note,
    });
    await recordAudit(tx, {
      action: 'dispatch.follow_up.close',
      result: 'ok',
      objectType: 'dispatch_order',
      objectId: id,
      regionCode: o.holder_code,
    });
    return staffView(tx, id);
  });
}
