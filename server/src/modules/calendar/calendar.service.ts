import { randomBytes } from 'node:crypto';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Database } from '../../db/database.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { sha256 } from '../../lib/crypto.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { withTransaction } from '../../core/tx.ts';
import * as repo from './calendar.repository.ts';

/** A user's accepted and pending shifts from a month back on, as an iCalendar document. */
async function calendarOf(db: Database, userId: string, now: Date): Promise<string> {
  const rows = await repo.shiftsOf(db, userId, new Date(now.getTime() - 31 * 86400_000));
  const cal = ical({
    name: '一起 · 我的志愿服务',
    prodId: { company: 'yiqi', product: 'shifts', language: 'ZH' },
  });
  for (const r of rows)
    cal.createEvent({
      id: `${r.id}@yiqi`,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      summary: `${r.title} · ${r.position}`,
      description: `${r.org}${r.status === 'pending' ? '（待审核）' : ''}`,
      location:
        r.lat !== null && r.lng !== null ? { title: r.address, geo: { lat: r.lat, lon: r.lng } } : r.address,
      status: r.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  return cal.toString();
}

export function myCalendar(ctx: Ctx) {
  return calendarOf(ctx.db, actorOf(ctx).userId, ctx.clock());
}

/** A new secret feed address for calendar apps (which cannot sign in); the old one stops working. */
export async function renewFeed(ctx: Ctx, origin: string) {
  const token = randomBytes(32).toString('base64url');
  const userId = actorOf(ctx).userId;
  await withTransaction(ctx, async (tx) => {
    await repo.saveFeed(tx.db, userId, sha256(token), ctx.clock());
    await recordAudit(tx, { action: 'calendar.feed_renew', result: 'ok', regionCode: null });
  });
  return { url: `${origin}/api/calendar/${token}.ics` };
}

export async function feed(ctx: Ctx, tokenFile: string) {
  const token = tokenFile.replace(/\.ics$/, '');
  const row = await repo.findFeed(ctx.db, sha256(token));
  if (!row) throw new DomainError('NOT_FOUND');
  return calendarOf(ctx.db, row.user_id, ctx.clock());
}
