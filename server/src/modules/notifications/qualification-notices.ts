import { EXPIRING_DAYS } from '@yiqi/shared/contracts/training';
import type { Ctx } from '../../core/ctx.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate } from '../../core/dates.ts';
import { claimExpiryNotices } from './qualification-notices.repository.ts';
import { notify } from './notifications.service.ts';

/**
 * Tells each holder, once per qualification, that it enters its last 30 days (the "expiring" state of
 * 我的资质), so they renew it before positions that require it refuse them. A sweep over the
 * qualifications, not a timer per one: nothing is lost to a restart.
 */
export async function notifyExpiringQualifications(ctx: Ctx): Promise<number> {
  const now = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    const due = await claimExpiryNotices(tx.db, now, EXPIRING_DAYS);
    for (const q of due)
      await notify(tx.db, [q.user_id], 'qualification_expiring', {
        qualificationNames: { 'zh-CN': q.name_zh_cn, 'zh-HK': q.name_zh_hk, en: q.name_en },
        // expires_at is the first instant no longer valid: the last valid day is the China day before it.
        validUntil: chinaDate(new Date(new Date(q.expires_at).getTime() - 1)),
      });
    return due.length;
  });
}
