import type { Locale, Text } from '@yiqi/shared/i18n';
import { NOTIFICATION_KINDS } from '@yiqi/shared/contracts/notifications';
import type { Database } from '../../db/database.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { withTransaction } from '../../core/tx.ts';
import * as repo from './notifications.repository.ts';
import { DISPATCH_TEXT } from './dispatch-notices.ts';
import { insertNoticesAndDeliveries } from './delivery.repository.ts';
import { RECORD_NOTICE_TEXT, type RecordNoticeData } from './notices.records.ts';
import { STAR_NOTICE_TEXT, type StarNoticeData } from './notices.stars.ts';
import { TRAINING_NOTICE_TEXT, type TrainingNoticeData } from './notices.training.ts';
import { CIVIC_NOTICE_TEXT, type CivicNoticeData } from './notices.civic.ts';

type Kind = (typeof NOTIFICATION_KINDS)[number];
type Data = {
  activityId?: string;
  title?: string;
  reason?: string;
  when?: string;
  orgName?: string;
  /** shift_reminder: the shift's start (ISO). */
  startsAt?: string;
  /** hours_confirmed: how many records and minutes were confirmed together. */
  records?: number;
  minutes?: number;
  /** Dispatch notices: the order (residents' and holders' pages link to it). */
  orderId?: string;
  /** dispatch_order_escalated: the unit it came up from. */
  fromUnit?: string;
} & RecordNoticeData &
  StarNoticeData &
  TrainingNoticeData &
  CivicNoticeData;

/** A shift's start as people read it in China: 12月7日 09:00 (Asia/Shanghai). */
const STARTS = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const starts = (at?: string) => (at ? STARTS.format(new Date(at)) : '');

/** Hours in the one format every page uses (web/src/lib/format.ts formatHours): always one decimal. */
const hours = (minutes = 0) => (minutes / 60).toFixed(1);

/**
 * In-app notifications. Only the kind and its parameters are stored; the text is rendered in the reader's
 * language when read, so a user who switches language reads old notices in the new one.
 */
const TEXT: Record<Kind, { title: Text; body: (d: Data) => Text }> = {
  ...RECORD_NOTICE_TEXT,
  ...STAR_NOTICE_TEXT,
  ...TRAINING_NOTICE_TEXT,
  ...DISPATCH_TEXT,
  ...CIVIC_NOTICE_TEXT,
  activity_cancelled: {
    title: { 'zh-CN': '活动已取消', 'zh-HK': '活動已取消', en: 'Activity cancelled' },
    body: (d) => ({
      'zh-CN': `您报名的“${d.title}”已取消。原因：${d.reason}`,
      'zh-HK': `您報名的「${d.title}」已取消。原因：${d.reason}`,
      en: `“${d.title}”, which you signed up for, was cancelled. Reason: ${d.reason}`,
    }),
  },
  activity_changed: {
    title: {
      'zh-CN': '活动时间或地点有变',
      'zh-HK': '活動時間或地點有變',
      en: 'Activity time or place changed',
    },
    body: (d) => ({
      'zh-CN': `您报名的“${d.title}”调整了时间或地点，请查看最新安排。`,
      'zh-HK': `您報名的「${d.title}」調整了時間或地點，請查看最新安排。`,
      en: `“${d.title}”, which you signed up for, changed its time or place; check the new details.`,
    }),
  },
  signup_promoted: {
    title: { 'zh-CN': '候补成功', 'zh-HK': '候補成功', en: 'You moved up from the waitlist' },
    body: (d) => ({
      'zh-CN': `有人取消了报名，您已从候补转为“${d.title}”的正式报名。`,
      'zh-HK': `有人取消了報名，您已從候補轉為「${d.title}」的正式報名。`,
      en: `A place opened up: you are now signed up for “${d.title}”.`,
    }),
  },
  signup_accepted: {
    title: { 'zh-CN': '报名已通过', 'zh-HK': '報名已通過', en: 'Sign-up accepted' },
    body: (d) => ({
      'zh-CN': `您报名的“${d.title}”已通过审核。`,
      'zh-HK': `您報名的「${d.title}」已通過審核。`,
      en: `Your sign-up for “${d.title}” was accepted.`,
    }),
  },
  signup_rejected: {
    title: { 'zh-CN': '报名未通过', 'zh-HK': '報名未通過', en: 'Sign-up not accepted' },
    body: (d) => ({
      'zh-CN': `您报名的“${d.title}”未通过。原因：${d.reason}`,
      'zh-HK': `您報名的「${d.title}」未通過。原因：${d.reason}`,
      en: `Your sign-up for “${d.title}” was not accepted. Reason: ${d.reason}`,
    }),
  },
  membership_approved: {
    title: { 'zh-CN': '入队申请已通过', 'zh-HK': '入隊申請已通過', en: 'Team application approved' },
    body: (d) => ({
      'zh-CN': `您已加入“${d.orgName}”，可以报名该组织的活动了。`,
      'zh-HK': `您已加入「${d.orgName}」，可以報名該組織的活動了。`,
      en: `You are now a member of “${d.orgName}” and can sign up for its activities.`,
    }),
  },
  membership_rejected: {
    title: { 'zh-CN': '入队申请未通过', 'zh-HK': '入隊申請未通過', en: 'Team application not approved' },
    body: (d) => ({
      'zh-CN': `“${d.orgName}”未通过您的入队申请，您可以申请加入其他组织。`,
      'zh-HK': `「${d.orgName}」未通過您的入隊申請，您可以申請加入其他組織。`,
      en: `“${d.orgName}” did not approve your application; you can apply to another team.`,
    }),
  },
  shift_reminder: {
    title: { 'zh-CN': '服务提醒', 'zh-HK': '服務提醒', en: 'Shift reminder' },
    body: (d) => ({
      'zh-CN': `您报名的“${d.title}”将于 ${starts(d.startsAt)} 开始，请按时到岗签到。`,
      'zh-HK': `您報名的「${d.title}」將於 ${starts(d.startsAt)} 開始，請準時到崗簽到。`,
      en: `“${d.title}”, which you signed up for, starts at ${starts(d.startsAt)} (China time); please check in on time.`,
    }),
  },
  hours_confirmed: {
    title: { 'zh-CN': '服务时长已确认', 'zh-HK': '服務時數已確認', en: 'Service hours confirmed' },
    body: (d) =>
      d.title
        ? {
            'zh-CN': `您在“${d.title}”的服务时长已确认：${hours(d.minutes)} 小时，已计入您的累计时长。`,
            'zh-HK': `您在「${d.title}」的服務時數已確認：${hours(d.minutes)} 小時，已計入您的累計時數。`,
            en: `Your service hours for “${d.title}” were confirmed: ${hours(d.minutes)} h, added to your total.`,
          }
        : {
            'zh-CN': `您的 ${d.records} 条服务记录已确认，共 ${hours(d.minutes)} 小时，已计入您的累计时长。`,
            'zh-HK': `您的 ${d.records} 條服務記錄已確認，共 ${hours(d.minutes)} 小時，已計入您的累計時數。`,
            en: `${d.records} of your service records were confirmed, ${hours(d.minutes)} h in all, added to your total.`,
          },
  },
};

/** Queues notices in the caller's transaction, so a rolled-back change notifies nobody. */
export async function notify(db: Database, userIds: (string | null)[], kind: Kind, data: Data) {
  const users = [...new Set(userIds.filter((u): u is string => u !== null))];
  if (users.length === 0) return;
  const json = JSON.stringify(data);
  for (let i = 0; i < users.length; i += 1000)
    await insertNoticesAndDeliveries(db, users.slice(i, i + 1000), kind, json);
}

export function render(kind: string, data: Record<string, unknown>, locale: Locale) {
  const t = TEXT[kind as Kind];
  if (!t) return { title: kind, body: '' };
  return { title: t.title[locale], body: t.body(data as Data)[locale] };
}

/**
 * Dispatch notices open the resident's orders, the volunteer's invitations or the holder's board; an expiring
 * qualification opens 我的培训与资质; civic notices open the reporter's reports or the unit's case inbox.
 */
function linkOf(kind: string): string | null {
  if (kind === 'qualification_expiring') return '/m/training/mine';
  if (kind === 'civic_case_handled' || kind === 'civic_case_rectified') return '/m/civic';
  if (kind.startsWith('civic_case_')) return '/civic';
  if (kind === 'dispatch_invitation') return '/m/orders/invitations';
  if (kind === 'dispatch_order_overdue' || kind === 'dispatch_order_escalated') return null;
  return kind.startsWith('dispatch_') ? '/m/orders' : null;
}

export async function listMine(ctx: Ctx, page: number, pageSize: number) {
  const userId = actorOf(ctx).userId;
  const { rows, total, unread } = await repo.listNotices(ctx.db, userId, page, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as Kind,
      ...render(r.kind, r.data, ctx.locale),
      activityId: typeof r.data.activityId === 'string' ? r.data.activityId : null,
      link: linkOf(r.kind),
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    })),
    total,
    unread,
    page,
    pageSize,
  };
}

/** Marks one of the caller's notices (or all, without an id) read; someone else's reads as not found. */
export async function markRead(ctx: Ctx, id?: string) {
  const userId = actorOf(ctx).userId;
  if (id && !(await repo.isOwnNotice(ctx.db, userId, id))) throw new DomainError('NOT_FOUND');
  await withTransaction(ctx, async (tx) => {
    const count = await repo.markRead(tx.db, userId, ctx.clock(), id);
    await recordAudit(tx, {
      action: 'notification.read',
      result: 'ok',
      objectType: 'notification',
      ...(id ? { objectId: id } : {}),
      regionCode: null,
      details: { count },
    });
  });
  return { ok: true as const };
}
