import type { z } from 'zod';
import {
  CIVIC_DEFAULT_DEADLINE_DAYS,
  CIVIC_MAX_PHOTO_BYTES,
  CIVIC_POINTS_PER_RECTIFIED,
  type CaseListQuery,
  type CivicCategory,
  type CivicStatus,
  type FiguresQuery,
  type HandlingBody,
  type RatingBody,
  type ReportBody,
  type RouteBody,
} from '@yiqi/shared/contracts/civic';
import { addWorkingDays } from '@yiqi/shared/records/working-days';
import { ancestorCodes, isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate, iso } from '../../core/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/jobs.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { decodePhoto, type CleanPhoto } from '../../lib/photos.ts';
import * as repo from './civic.repository.ts';
import { tellReporter, tellUnit } from './civic.notices.ts';

export const DEADLINE_JOB = 'civic.deadline';

/** The end (24:00 in China) of the n-th working day after the instant's day there. */
export function deadline(from: Date, workingDays: number): Date {
  const day = addWorkingDays(chinaDate(from), workingDays);
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86400_000);
}

/** Decoded, checked and stripped of metadata, or CIVIC_PHOTO_INVALID. */
function photoOf(data: string): CleanPhoto {
  const clean = decodePhoto(data, CIVIC_MAX_PHOTO_BYTES);
  if (!clean) throw new DomainError('CIVIC_PHOTO_INVALID');
  return clean;
}

function view(
  r: repo.CaseRow,
  photos: { id: string; case_id: string; kind: string; round: number }[],
  staff: boolean,
) {
  return {
    id: r.id,
    category: r.category as CivicCategory,
    description: r.description,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    lat: r.lat,
    lng: r.lng,
    status: r.status as CivicStatus,
    anonymous: r.anonymous,
    // The unit sees who reported only when the report was not anonymous; the reporter knows who they are.
    reporterName: staff && !r.anonymous ? r.reporter_name : null,
    unitId: r.unit_org_id,
    unitName: r.unit_name ?? null,
    dueAt: iso(r.due_at),
    overdue: r.overdue,
    round: r.round,
    handlingNote: r.handling_note,
    handledAt: iso(r.handled_at),
    rating: r.rating,
    ratingComment: r.rating_comment,
    createdAt: iso(r.created_at),
    closedAt: iso(r.closed_at),
    photos: photos
      .filter((p) => p.case_id === r.id)
      .map((p) => ({ id: p.id, kind: p.kind as 'near' | 'far' | 'proof', round: p.round })),
  };
}

async function views(ctx: Ctx, rows: repo.CaseRow[], staff: boolean) {
  const photos = await repo.photosOf(
    readerOf(ctx),
    rows.map((r) => r.id),
  );
  return rows.map((r) => view(r, photos, staff));
}

/**
 * A report becomes a case at once: routed to the unit of the most specific rule for its region and category
 * (none: the region admins handle it), due at the end of the rule's working days, and a durable timer
 * (job civic.deadline) flags it overdue if it is still unhandled then.
 */
export async function report(ctx: Ctx, b: ReportBody) {
  const actor = actorOf(ctx);
  const region = await findRegion(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  if (region.level < 3) throw new DomainError('CIVIC_REGION_LEVEL');
  const near = photoOf(b.near.data);
  const far = photoOf(b.far.data);
  const ancestors = [region.code, ...ancestorCodes(region.code, region.level as RegionLevel).reverse()];
  const route = await repo.findRoute(ctx.db, ancestors, b.category);
  const now = ctx.clock();
  const deadlineDays = route?.deadline_days ?? CIVIC_DEFAULT_DEADLINE_DAYS;
  const dueAt = deadline(now, deadlineDays);
  return withTransaction(ctx, async (tx) => {
    const id = await repo.insertCase(tx.db, {
      reporter_id: actor.userId,
      anonymous: b.anonymous,
      category: b.category,
      description: b.description,
      region_code: region.code,
      lat: b.lat,
      lng: b.lng,
      unit_org_id: route?.unit_org_id ?? null,
      deadline_days: deadlineDays,
      due_at: dueAt,
      created_at: now,
    });
    for (const [kind, p] of [
      ['near', near],
      ['far', far],
    ] as const)
      await repo.insertPhoto(tx.db, {
        case_id: id,
        kind,
        round: 1,
        mime: p.mime,
        bytes: p.bytes,
        created_at: now,
      });
    await enqueueJob(tx, DEADLINE_JOB, { caseId: id, round: 1 }, { runAt: dueAt, key: `${id}:1` });
    await tellUnit(
      tx.db,
      { unit_org_id: route?.unit_org_id ?? null, category: b.category, due_at: dueAt },
      'civic_case_routed',
    );
    await recordAudit(tx, {
      action: 'civic.report',
      objectType: 'civic_case',
      objectId: id,
      result: 'ok',
      regionCode: region.code,
      details: { category: b.category, anonymous: b.anonymous, unit: route?.unit_org_id ?? null },
    });
    return { id, unitName: route?.unit_name ?? null, dueAt: iso(dueAt) };
  });
}

export async function mine(ctx: Ctx, page: number, pageSize: number) {
  const { rows, total } = await repo.myCases(ctx.db, actorOf(ctx).userId, page, pageSize);
  return { items: await views(ctx, rows, false), total, page, pageSize };
}

async function ownCase(ctx: Ctx, id: string) {
  const c = await repo.findCase(ctx.db, id);
  if (!c || c.reporter_id !== actorOf(ctx).userId) throw new DomainError('CIVIC_CASE_NOT_FOUND');
  return c;
}

export async function myCase(ctx: Ctx, id: string) {
  return (await views(ctx, [await ownCase(ctx, id)], false))[0]!;
}

export async function myPhoto(ctx: Ctx, id: string, photoId: string) {
  await ownCase(ctx, id);
  return photoBytes(ctx, id, photoId);
}

export async function photoBytes(ctx: Ctx, id: string, photoId: string) {
  const p = await repo.photo(ctx.db, id, photoId);
  if (!p) throw new DomainError('NOT_FOUND');
  return p;
}

export async function caseDetail(ctx: Ctx, id: string) {
  const c = await repo.findCase(ctx.db, id);
  if (!c) throw new DomainError('CIVIC_CASE_NOT_FOUND');
  return (await views(ctx, [c], true))[0]!;
}

/** The caller's case scope: regions they supervise (region admin) and units they handle for (org admin). */
function scopeOf(ctx: Ctx): repo.CaseScope {
  const grants = actorOf(ctx).grants;
  return {
    regionPrefixes: grants
      .filter((g) => g.role === 'region_admin' && g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel)),
    unitIds: grants.filter((g) => g.role === 'org_admin' && g.orgId !== null).map((g) => g.orgId!),
  };
}

/** The inbox: cases of the caller's units and regions, overdue first, then by deadline. */
export async function list(ctx: Ctx, q: z.infer<typeof CaseListQuery>) {
  let prefix: string | undefined;
  if (q.region) {
    const region = await findRegion(ctx.db, q.region);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    prefix = regionPrefix(region.code, region.level as RegionLevel);
  }
  const { rows, total } = await repo.scopedCases(
    readerOf(ctx),
    scopeOf(ctx),
    {
      ...(prefix ? { regionPrefix: prefix } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
    },
    q.page,
    q.pageSize,
  );
  return { items: await views(ctx, rows, true), total, page: q.page, pageSize: q.pageSize };
}

/** The unit's answer: what was done and one to three proof photos; the case then waits for the check. */
export async function handle(ctx: Ctx, id: string, b: z.infer<typeof HandlingBody>) {
  const proof = b.proof.map((p) => photoOf(p.data));
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, id);
    if (!c) throw new DomainError('CIVIC_CASE_NOT_FOUND');
    if (c.status !== 'routed') throw new DomainError('CIVIC_CASE_STATE');
    const now = ctx.clock();
    for (const p of proof)
      await repo.insertPhoto(tx.db, {
        case_id: id,
        kind: 'proof',
        round: c.round,
        mime: p.mime,
        bytes: p.bytes,
        created_at: now,
      });
    await repo.setHandled(tx.db, id, b.note, actor.userId, now);
    await tellReporter(tx.db, c, 'civic_case_handled');
    await recordAudit(tx, {
      action: 'civic.handle',
      objectType: 'civic_case',
      objectId: id,
      result: 'ok',
      regionCode: c.region_code,
      details: { round: c.round, proofs: proof.length },
    });
    return caseDetail(tx, id);
  });
}

/**
 * The check of a handled case, by its reporter or a supervisor (region admin), never by the person who
 * handled it: 3–5 closes it as rectified and credits the reporter's points (not for anonymous reports);
 * 1–2 reopens it for another round with a new deadline and timer.
 */
async function rate(ctx: Ctx, id: string, b: z.infer<typeof RatingBody>, as: 'reporter' | 'supervisor') {
  const actor = actorOf(ctx);
  return withTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, id);
    if (!c || (as === 'reporter' && c.reporter_id !== actor.userId))
      throw new DomainError('CIVIC_CASE_NOT_FOUND');
    if (c.status !== 'handled') throw new DomainError('CIVIC_CASE_STATE');
    if (c.handled_by === actor.userId) throw new DomainError('CIVIC_SELF_REVIEW');
    const now = ctx.clock();
    const rating = { rating: b.rating, comment: b.comment, by: actor.userId };
    let round = c.round;
    if (b.rating >= 3) {
      await repo.setRectified(tx.db, id, { ...rating, at: now });
      if (!c.anonymous)
        await repo.addPoints(tx.db, {
          case_id: id,
          user_id: c.reporter_id,
          points: CIVIC_POINTS_PER_RECTIFIED,
          created_at: now,
        });
      // A supervisor's check is news to the reporter; their own rating is not.
      if (as === 'supervisor')
        await tellReporter(tx.db, c, 'civic_case_rectified', c.anonymous ? 0 : CIVIC_POINTS_PER_RECTIFIED);
    } else {
      const dueAt = deadline(now, c.deadline_days);
      round = await repo.reopen(tx.db, id, { ...rating, dueAt });
      await enqueueJob(tx, DEADLINE_JOB, { caseId: id, round }, { runAt: dueAt, key: `${id}:${round}` });
      await tellUnit(tx.db, { ...c, due_at: dueAt }, 'civic_case_reopened');
    }
    await recordAudit(tx, {
      action: b.rating >= 3 ? 'civic.rectified' : 'civic.reopen',
      objectType: 'civic_case',
      objectId: id,
      result: 'ok',
      regionCode: c.region_code,
      details: { rating: b.rating, by: as, round },
    });
    return as === 'reporter' ? myCase(tx, id) : caseDetail(tx, id);
  });
}

export const rateAsReporter = (ctx: Ctx, id: string, b: z.infer<typeof RatingBody>) =>
  rate(ctx, id, b, 'reporter');
export const rateAsSupervisor = (ctx: Ctx, id: string, b: z.infer<typeof RatingBody>) =>
  rate(ctx, id, b, 'supervisor');

export function myPoints(ctx: Ctx) {
  return repo.pointsOf(ctx.db, actorOf(ctx).userId);
}

/** The deadline job: flags the case overdue when that round is still unhandled (idempotent). */
export async function runDeadline(ctx: Ctx, payload: { caseId: string; round: number }): Promise<void> {
  await withTransaction(ctx, async (tx) => {
    const c = await repo.lockCase(tx.db, payload.caseId);
    if (!c) return;
    if (await repo.flagOverdue(tx.db, payload.caseId, payload.round, ctx.clock())) {
      await tellUnit(tx.db, c, 'civic_case_overdue');
      await recordAudit(tx, {
        action: 'civic.overdue',
        objectType: 'civic_case',
        objectId: payload.caseId,
        result: 'ok',
        regionCode: c.region_code,
        details: { round: payload.round },
      });
    }
  });
}

function covers(ctx: Ctx, code: string): boolean {
  return actorOf(ctx).grants.some(
    (g) =>
      g.role === 'region_admin' &&
      g.orgId === null &&
      isInSubtree(code, g.regionCode, g.regionLevel as RegionLevel),
  );
}

export async function routes(ctx: Ctx, region: string) {
  const r = await findRegion(ctx.db, region);
  if (!r) throw new DomainError('REGION_NOT_FOUND');
  const rows = await repo.listRoutes(ctx.db, regionPrefix(r.code, r.level as RegionLevel));
  return {
    items: rows.map((x) => ({
      id: x.id,
      regionCode: x.region_code,
      regionName: x.region_name,
      category: x.category,
      unitId: x.unit_org_id,
      unitName: x.unit_name,
      deadlineDays: x.deadline_days,
    })),
  };
}

/** Sets who handles a region's cases of a category (or 'any') and in how many working days. */
export async function setRoute(ctx: Ctx, b: z.infer<typeof RouteBody>) {
  const region = await findRegion(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const unit = await repo.findOrganization(ctx.db, b.unitId);
  if (!unit || unit.status !== 'approved' || !covers(ctx, unit.region_code))
    throw new DomainError('CIVIC_UNIT_NOT_FOUND');
  return withTransaction(ctx, async (tx) => {
    const id = await repo.upsertRoute(tx.db, {
      region_code: region.code,
      category: b.category,
      unit_org_id: b.unitId,
      deadline_days: b.deadlineDays,
    });
    await recordAudit(tx, {
      action: 'civic.route',
      objectType: 'civic_route',
      objectId: id,
      result: 'ok',
      regionCode: region.code,
      details: { category: b.category, unit: b.unitId, deadlineDays: b.deadlineDays },
    });
    return { id };
  });
}

/** Filed, rectified and the rectification rate of the cases filed in a region over [from, to] (China days). */
export async function figures(ctx: Ctx, q: z.infer<typeof FiguresQuery>) {
  const region = await findRegion(ctx.db, q.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  if (q.to < q.from) throw new DomainError('INVALID_VALUE');
  const from = new Date(`${q.from}T00:00:00+08:00`);
  const to = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000);
  const rows = await repo.figures(
    readerOf(ctx),
    regionPrefix(region.code, region.level as RegionLevel),
    from,
    to,
  );
  const sum = (k: 'filed' | 'rectified' | 'overdue' | 'reopened') =>
    rows.reduce((n, r) => n + Number(r[k]), 0);
  const filed = sum('filed');
  const rectified = sum('rectified');
  return {
    region: region.code,
    from: q.from,
    to: q.to,
    filed,
    rectified,
    rectificationRate: filed ? Math.round((rectified / filed) * 10000) / 10000 : null,
    overdue: sum('overdue'),
    reopened: sum('reopened'),
    byCategory: rows.map((r) => ({
      category: r.category,
      filed: Number(r.filed),
      rectified: Number(r.rectified),
    })),
  };
}
