import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { grantCovers, grantsFor } from '../../http/access.ts';
import { decrypt } from '../../lib/crypto.ts';
import { maskPhone } from '@yiqi/shared/identity/mask';
import type { Locale, Text } from '@yiqi/shared/i18n';
import { recordAudit } from '../audit/audit.service.ts';
import { workbook } from '../volunteers/xlsx.ts';
import { loadActivity } from './activities.service.ts';
import { renderShareCard, renderSignInSheet, type SheetRow } from './handouts.render.ts';
import * as repo from './handouts.repository.ts';
import { formatMinute, timeRangeText, withMeta } from './handouts.text.ts';

type Activity = Awaited<ReturnType<typeof loadActivity>>;

/** The activity's public page: where the QR code of the share card and the og: meta point. */
export const activityUrl = (ctx: Pick<Ctx, 'config'>, id: string) =>
  `${ctx.config.publicUrl}/m/activities/${id}`;

/**
 * Full phone numbers are for the region admins over the activity only (the same people who may reveal a
 * volunteer's number, volunteers.staff.routes reveal); an organization's admins get them masked.
 */
function mayReadFullPhones(ctx: Ctx, a: Activity): boolean {
  if (!ctx.actor) return false;
  const target = { type: 'organization' as const, id: a.org_id, regionCode: a.org_region_code };
  return grantsFor(ctx.actor, ['region_admin']).some((g) => grantCovers(g, target));
}

const STATUS: Record<string, Text> = {
  accepted: { 'zh-CN': '已录用', 'zh-HK': '已錄用', en: 'Accepted' },
  pending: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Pending' },
  waitlisted: { 'zh-CN': '候补', 'zh-HK': '候補', en: 'Waitlisted' },
};

const COLUMNS: { key: string; header: Text; width?: number }[] = [
  { key: 'volunteerNo', header: { 'zh-CN': '志愿者编号', 'zh-HK': '義工編號', en: 'Volunteer no.' } },
  { key: 'name', header: { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' }, width: 12 },
  { key: 'phone', header: { 'zh-CN': '手机号', 'zh-HK': '手機號碼', en: 'Phone' }, width: 14 },
  { key: 'position', header: { 'zh-CN': '岗位', 'zh-HK': '崗位', en: 'Position' } },
  { key: 'shift', header: { 'zh-CN': '班次', 'zh-HK': '班次', en: 'Shift' }, width: 26 },
  { key: 'status', header: { 'zh-CN': '报名状态', 'zh-HK': '報名狀態', en: 'Status' }, width: 10 },
  { key: 'checkIn', header: { 'zh-CN': '签到时间', 'zh-HK': '簽到時間', en: 'Signed in' } },
  { key: 'checkOut', header: { 'zh-CN': '签退时间', 'zh-HK': '簽退時間', en: 'Signed out' } },
];

function phoneOf(ctx: Ctx, r: repo.RosterRow, full: boolean): string {
  if (!r.phone_enc) return '';
  const p = decrypt(ctx.config.appKey, r.phone_enc);
  return full ? p : maskPhone(p);
}

const when = (d: Date | null) => (d ? formatMinute(d) : '');

/** The roster as Excel: accepted, pending and waitlisted sign-ups with their attendance; audited. */
export async function exportRoster(ctx: Ctx, id: string, phones: 'masked' | 'full'): Promise<Buffer> {
  const a = await loadActivity(ctx, id);
  const full = phones === 'full';
  if (full && !mayReadFullPhones(ctx, a)) throw new DomainError('FORBIDDEN');
  const rows = await repo.rosterOf(ctx.db, id, ['accepted', 'pending', 'waitlisted']);
  const locale: Locale = ctx.locale;
  const file = await workbook([
    {
      name: 'roster',
      columns: COLUMNS.map((c) => ({
        key: c.key,
        header: c.header[locale],
        ...(c.width ? { width: c.width } : {}),
      })),
      rows: rows.map((r) => ({
        volunteerNo: r.volunteer_no,
        name: r.name ?? '',
        phone: phoneOf(ctx, r, full),
        position: r.position_name,
        shift: timeRangeText(r.starts_at, r.ends_at),
        status: STATUS[r.status]?.[locale] ?? r.status,
        checkIn: when(r.check_in_at),
        checkOut: when(r.check_out_at),
      })),
    },
  ]);
  // Written before the file leaves, like a reveal: full numbers are never handed out unrecorded.
  await recordAudit(ctx, {
    action: 'activity.roster_export',
    result: 'ok',
    objectType: 'activity',
    objectId: a.id,
    regionCode: a.region_code,
    details: { orgId: a.org_id, rows: rows.length, phones },
  });
  return file;
}

/** The paper sign-in sheet (PDF): accepted volunteers by position and shift, masked phones; audited. */
export async function signInSheet(ctx: Ctx, id: string): Promise<Buffer> {
  const a = await loadActivity(ctx, id);
  if (a.status === 'draft') throw new DomainError('ACTIVITY_STATE');
  const rows = await repo.rosterOf(ctx.db, id, ['accepted']);
  const sheetRows: SheetRow[] = rows.map((r) => ({
    name: r.name ?? '',
    phone: phoneOf(ctx, r, false),
    position: r.position_name,
    shift: timeRangeText(r.starts_at, r.ends_at),
    checkIn: when(r.check_in_at),
    checkOut: when(r.check_out_at),
  }));
  const pdf = await renderSignInSheet({
    title: a.title,
    orgName: a.org_name,
    time: timeRangeText(a.starts_at, a.ends_at),
    address: a.address,
    printedAt: formatMinute(ctx.clock()),
    rows: sheetRows,
  });
  await recordAudit(ctx, {
    action: 'activity.sign_in_sheet',
    result: 'ok',
    objectType: 'activity',
    objectId: a.id,
    regionCode: a.region_code,
    details: { orgId: a.org_id, rows: rows.length },
  });
  return pdf;
}

/** The share card (SVG poster): title, time, place, organization and a QR code to the public page. */
export async function shareCard(ctx: Ctx, id: string): Promise<string> {
  const a = await loadActivity(ctx, id);
  if (a.status === 'draft') throw new DomainError('ACTIVITY_STATE');
  return renderShareCard({
    title: a.title,
    time: timeRangeText(a.starts_at, a.ends_at),
    address: a.address,
    orgName: a.org_name,
    url: activityUrl(ctx, a.id),
  });
}

/** What a shared link shows before the page runs: published (or finished) activities only. */
export async function shareMeta(ctx: Ctx, id: string) {
  const a = await loadActivity(ctx, id).catch(() => null);
  if (!a || a.status === 'draft') return null;
  return {
    title: a.title,
    description: `${timeRangeText(a.starts_at, a.ends_at)} · ${a.address} · ${a.org_name}`,
    url: activityUrl(ctx, a.id),
  };
}

/** The public page of an activity as the web app's index.html with its link preview; null: plain page. */
export async function sharePage(ctx: Ctx, id: string, indexHtml: string): Promise<string> {
  const meta = await shareMeta(ctx, id);
  return meta ? withMeta(indexHtml, meta) : indexHtml;
}

/** The place picker's tiles, as configured (README: MAP_TILE_URL). */
export function mapSettings(ctx: Pick<Ctx, 'config'>) {
  const m = ctx.config.mapTiles;
  return { tileUrl: m.url, tileSystem: m.system, attribution: m.attribution };
}
