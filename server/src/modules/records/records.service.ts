import type { ErrorCode } from '@yiqi/shared/errors';
import { RECORD_DUE_WORKING_DAYS, STAR_HOURS } from '@yiqi/shared/contracts/records';
import { computeHours, type RoundingRule } from '@yiqi/shared/records/hours';
import type { Database } from '../../db/database.ts';
import type { RecordStatus } from '../../db/schema.records.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { confirmRecord } from './confirmation.ts';
import { DomainError } from '../../core/domain-error.ts';

import { recordAudit } from '../audit/audit.service.ts';
import { isSelf } from '../roles/deciders.ts';
import { workingDaysInForce } from './holidays.service.ts';
import * as repo from './records.repository.ts';
import { workbook } from '../volunteers/xlsx.ts';
import { findRegion } from '../regions/regions.service.ts';
import { regionPrefix as prefixOf, type RegionLevel } from '@yiqi/shared/regions';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate, iso } from '../../core/dates.ts';

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function recordView(r: repo.RecordRow, today: string) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    volunteerId: r.volunteer_id,
    volunteerNo: r.volunteer_no,
    volunteerName: r.volunteer_name,
    orgId: r.org_id,
    orgName: r.org_name,
    activityId: r.activity_id,
    activityTitle: r.activity_title,
    serviceDate: r.service_day,
    place: r.place,
    content: r.content,
    positionName: r.position_name,
    personInCharge: r.person_in_charge,
    checkInAt: iso(r.check_in_at),
    checkOutAt: iso(r.check_out_at),
    breakMinutes: r.break_minutes,
    hoursRule: r.hours_rule as RoundingRule,
    computedMinutes: r.computed_minutes,
    minutes: r.minutes,
    hours: hours(r.minutes),
    explain: r.explain as never,
    adjustReason: r.adjust_reason,
    reason: r.reason,
    correctsId: r.corrects_id,
    supersededBy: r.superseded_by,
    dueDate: r.due_day,
    overdue: r.status === 'draft' && r.due_day !== null && r.due_day < today,
    createdAt: iso(r.created_at)!,
    decidedAt: iso(r.decided_at),
    rejectReason: r.reject_reason,
  };
}

/**
 * Drafts one record per attended sign-up of the activity's ended shifts (idempotent: a draft the organizer
 * has not adjusted follows a later check-out; confirmed ones never change). Hours follow the activity's
 * rules, and the explain steps are stored with the raw times.
 */
export async function draftForActivity(ctx: Ctx, activityId: string): Promise<number> {
  const now = ctx.clock();
  const rows = await repo.attendancesToDraft(ctx.db, activityId, now);
  if (rows.length === 0) return 0;
  const workingDays = await workingDaysInForce(ctx.db);
  let drafted = 0;
  await withTransaction(ctx, async (tx) => {
    for (const r of rows) {
      const result = r.check_out_at
        ? computeHours({
            checkInAt: new Date(r.check_in_at),
            checkOutAt: new Date(r.check_out_at),
            shiftStartsAt: new Date(r.starts_at),
            shiftEndsAt: new Date(r.ends_at),
            breakMinutes: r.break_minutes,
            rule: r.hours_rule as RoundingRule,
          })
        : { minutes: 0, steps: [] };
      const values = {
        kind: 'attendance' as const,
        volunteer_id: r.volunteer_id,
        org_id: r.org_id,
        activity_id: r.activity_id,
        shift_id: r.shift_id,
        signup_id: r.signup_id,
        service_date: chinaDate(new Date(r.starts_at)),
        activity_title: r.title,
        place: r.address,
        content: r.duties || r.position_name,
        position_name: r.position_name,
        person_in_charge: r.person_in_charge,
        check_in_at: r.check_in_at,
        check_out_at: r.check_out_at,
        break_minutes: r.break_minutes,
        hours_rule: r.hours_rule,
        computed_minutes: result.minutes,
        explain: JSON.stringify(result.steps),
        minutes: result.minutes,
        status: 'draft' as const,
        due_date: workingDays.addWorkingDays(
          chinaDate(new Date(r.activity_ends_at)),
          RECORD_DUE_WORKING_DAYS,
        ),
      };
      const written = await repo.upsertDraft(tx.db, values);
      if (written) drafted++;
    }
    if (drafted)
      await recordAudit(tx, {
        action: 'record.draft',
        result: 'ok',
        objectType: 'activity',
        objectId: activityId,
        details: { drafted },
      });
  });
  return drafted;
}

/** Drafts the records of every activity whose shifts ended with attendance not yet recorded. */
export async function draftDue(ctx: Ctx): Promise<number> {
  let n = 0;
  for (const id of await repo.activitiesNeedingDrafts(ctx.db, ctx.clock()))
    n += await draftForActivity(ctx, id);
  return n;
}

/** Drafts past their due date in the organizations under a region (escalation); the route checked the scope. */
export async function listOverdue(ctx: Ctx, regionCode: string, page: number, pageSize: number) {
  const region = await findRegion(ctx.db, regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const regionPrefix = prefixOf(region.code, region.level as RegionLevel);
  return list(ctx, { regionPrefix, overdue: true }, page, pageSize);
}

/**
 * The organizer confirms drafts as they are or with other minutes (with a reason), one transaction per
 * record so one that fails (already confirmed, over 24 hours that day) is reported and the rest go on.
 * The caller's own records are skipped: nobody confirms or adjusts their own hours (the parent
 * organization's or the region admins do; also a trigger in the database).
 */
export async function confirm(
  ctx: Ctx,
  activityId: string,
  items: { id: string; minutes?: number | undefined; adjustReason?: string | undefined }[],
) {
  let done = 0;
  const skipped: { id: string; code: ErrorCode }[] = [];
  for (const item of items) {
    const r = await repo.findRecord(ctx.db, item.id);
    if (!r || r.activity_id !== activityId) {
      skipped.push({ id: item.id, code: 'NOT_FOUND' });
      continue;
    }
    if (isSelf(ctx, r.user_id)) {
      skipped.push({ id: item.id, code: 'RECORD_SELF_DECISION' });
      continue;
    }
    const adjusted = item.minutes !== undefined && item.minutes !== r.minutes;
    if (adjusted && !item.adjustReason) {
      skipped.push({ id: item.id, code: 'RECORD_ADJUST_REASON_REQUIRED' });
      continue;
    }
    if (r.check_in_at && !r.check_out_at && !adjusted) {
      skipped.push({ id: item.id, code: 'RECORD_CHECKOUT_MISSING' });
      continue;
    }
    const minutes = item.minutes ?? r.minutes;
    try {
      await withTransaction(ctx, async (tx) => {
        if (r.status !== 'draft') throw new DomainError('RECORD_STATE');
        await confirmRecord(tx, r, minutes, adjusted ? { minutes, reason: item.adjustReason! } : null);
        await recordAudit(tx, {
          action: 'record.confirm',
          result: 'ok',
          objectType: 'service_record',
          objectId: r.id,
          regionCode: r.org_region_code,
          details: {
            activityId,
            volunteerId: r.volunteer_id,
            minutes,
            adjusted,
            reason: item.adjustReason,
          },
        });
      });
      done++;
    } catch (e) {
      if (e instanceof DomainError) skipped.push({ id: item.id, code: e.code });
      else throw e;
    }
  }
  return { done, skipped };
}

export async function list(
  ctx: Ctx,
  f: repo.RecordFilter & { overdue?: boolean | undefined },
  page: number,
  pageSize: number,
) {
  const today = chinaDate(ctx.clock());
  const { rows, total } = await repo.listRecords(
    ctx.db,
    { ...f, overdueOn: f.overdue ? today : undefined },
    page,
    pageSize,
  );
  return { items: rows.map((r) => recordView(r, today)), total, page, pageSize };
}

/** A volunteer's totals (one row each) and stars reached by hours. */
export async function totals(db: Database, volunteerId: string, now: Date) {
  const t = await repo.totalsOf(db, volunteerId, Number(chinaDate(now).slice(0, 4)));
  const h = hours(t.minutes);
  const stars = STAR_HOURS.filter((s) => h >= s).length;
  return {
    minutes: t.minutes,
    hours: h,
    yearMinutes: t.yearMinutes,
    yearHours: hours(t.yearMinutes),
    records: t.records,
    activities: t.activities,
    starsByHours: stars,
    nextStarHours: STAR_HOURS[stars] ?? null,
  };
}

/** The signed-in volunteer's record card: totals and records, newest first. */
export async function mine(ctx: Ctx, page: number, pageSize: number) {
  const v = await repo.volunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  const [t, p] = await Promise.all([
    totals(ctx.db, v.id, ctx.clock()),
    list(ctx, { volunteerId: v.id }, page, pageSize),
  ]);
  return { totals: t, items: p.items, total: p.total };
}

/** Confirmed (and, on request, all) records of an organization as an Excel workbook; audited. */
export async function exportRecords(
  ctx: Ctx,
  orgId: string,
  f: { activityId?: string; volunteerNo?: string; from?: string; to?: string; all: boolean },
) {
  const filter: repo.RecordFilter = {
    orgId,
    ...(f.activityId ? { activityId: f.activityId } : {}),
    ...(f.volunteerNo ? { volunteerNo: f.volunteerNo } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.all ? {} : { status: 'confirmed' as const }),
  };
  const { rows, total } = await repo.listRecords(ctx.db, filter, 1, EXPORT_MAX);
  if (total > EXPORT_MAX) throw new DomainError('EXPORT_TOO_LARGE');
  await recordAudit(ctx, {
    action: 'record.export',
    result: 'ok',
    objectType: 'organization',
    objectId: orgId,
    details: { ...f, rows: rows.length },
  });
  const today = chinaDate(ctx.clock());
  const columns = [
    ['volunteerNo', '志愿者编号'],
    ['volunteerName', '姓名'],
    ['activityTitle', '活动'],
    ['serviceDate', '服务日期'],
    ['place', '地点'],
    ['content', '服务内容'],
    ['positionName', '岗位'],
    ['hours', '时长（小时）'],
    ['status', '状态'],
    ['personInCharge', '负责人'],
    ['checkInAt', '签到'],
    ['checkOutAt', '签退'],
    ['adjustReason', '调整原因'],
    ['kind', '来源'],
  ] as const;
  return workbook([
    {
      name: '服务记录',
      columns: columns.map(([key, header]) => ({ key, header })),
      rows: rows.map((r) => recordView(r, today)),
    },
  ]);
}

const EXPORT_MAX = 100_000;

export const RECORD_OPEN: RecordStatus[] = ['draft', 'pending'];
