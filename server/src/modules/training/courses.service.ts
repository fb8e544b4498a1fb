import type { CourseBody } from '@yiqi/shared/contracts/training';
import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './training.repository.ts';
import { nextRound } from './completion.service.ts';

/**
 * Courses: an organization's or a level body's (region's). Online courses carry material and a quiz whose
 * answers stay on the server; offline ones link an activity of their owner, whose attendance completes them.
 */

type Row = repo.CourseRow;

function summary(r: Row) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    mode: r.mode,
    ownerName: r.owner_name,
    qualificationCode: r.qualification_code,
    activityId: r.activity_id,
    status: r.status,
    questions: Number(r.questions),
    passMark: r.pass_mark,
  };
}

interface Owner {
  owner_org_id: string | null;
  owner_region_code: string | null;
  region_code: string;
}

/** The owner and its region: exactly one of an organization or a region (the route checked its scope). */
async function ownerOf(ctx: Ctx, b: CourseBody): Promise<Owner> {
  if ((b.orgId === undefined) === (b.regionCode === undefined))
    throw new DomainError('COURSE_OWNER_REQUIRED');
  if (b.orgId) {
    const org = await repo.findOrganizationRegion(ctx.db, b.orgId);
    if (!org) throw new DomainError('NOT_FOUND');
    return { owner_org_id: b.orgId, owner_region_code: null, region_code: org.region_code };
  }
  const region = await findRegion(ctx.db, b.regionCode!);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  return { owner_org_id: null, owner_region_code: region.code, region_code: region.code };
}

/** The content rules: a quiz whose answers are options, an offline course's activity its owner's. */
async function contentOf(ctx: Ctx, b: CourseBody, owner: Owner) {
  if (b.mode === 'online') {
    if (b.quiz.some((q) => q.answer >= q.options.length) || b.passMark > b.quiz.length)
      throw new DomainError('COURSE_QUIZ_INVALID');
    if (b.activityId) throw new DomainError('COURSE_ACTIVITY_INVALID');
    if (b.published && (b.quiz.length === 0 || b.passMark < 1)) throw new DomainError('COURSE_QUIZ_INVALID');
  } else {
    if (b.published && !b.activityId) throw new DomainError('COURSE_ACTIVITY_INVALID');
    if (b.activityId) {
      const a = await repo.findActivityOwner(ctx.db, b.activityId);
      const own = owner.owner_org_id
        ? a?.org_id === owner.owner_org_id
        : a !== undefined && (await inRegion(ctx, a.region_code, owner.owner_region_code!));
      if (!own) throw new DomainError('COURSE_ACTIVITY_INVALID');
    }
  }
  if (b.qualificationCode && !(await repo.findType(ctx.db, b.qualificationCode)))
    throw new DomainError('QUALIFICATION_TYPE_UNKNOWN');
  return {
    title: b.title,
    description: b.description,
    mode: b.mode,
    material: b.material,
    material_url: b.materialUrl,
    // An offline course has no quiz: attendance completes it.
    quiz: JSON.stringify(b.mode === 'online' ? b.quiz : []),
    pass_mark: b.mode === 'online' ? b.passMark : 0,
    activity_id: b.mode === 'offline' ? b.activityId : null,
    qualification_code: b.qualificationCode,
    status: b.published ? ('published' as const) : ('draft' as const),
  };
}

async function inRegion(ctx: Ctx, code: string, root: string) {
  const r = await findRegion(ctx.db, root);
  return r !== undefined && isInSubtree(code, r.code, r.level as RegionLevel);
}

export async function create(ctx: Ctx, b: CourseBody) {
  const owner = await ownerOf(ctx, b);
  const content = await contentOf(ctx, b, owner);
  const now = ctx.clock();
  return withTransaction(ctx, async (tx) => {
    const id = await repo.insertCourse(tx.db, {
      ...owner,
      ...content,
      created_by: actorOf(ctx).userId,
      created_at: now,
      updated_at: now,
    });
    await audit(tx, 'training.course.create', id, owner.region_code, content);
    return { id };
  });
}

/** Edits a course; its owner stays (a course moves by being made anew). */
export async function update(ctx: Ctx, id: string, b: CourseBody) {
  const current = await repo.findCourse(ctx.db, id);
  if (!current) throw new DomainError('COURSE_NOT_FOUND');
  const owner: Owner = {
    owner_org_id: current.owner_org_id,
    owner_region_code: current.owner_region_code,
    region_code: current.region_code,
  };
  const content = await contentOf(ctx, { ...b, orgId: undefined, regionCode: undefined }, owner);
  return withTransaction(ctx, async (tx) => {
    if (!(await repo.lockCourse(tx.db, id))) throw new DomainError('COURSE_NOT_FOUND');
    await repo.updateCourse(tx.db, id, { ...content, updated_at: ctx.clock() });
    await audit(tx, 'training.course.update', id, owner.region_code, content);
    return { id };
  });
}

function audit(
  ctx: Ctx,
  action: string,
  id: string,
  regionCode: string,
  c: { status: string; mode: string },
) {
  return recordAudit(ctx, {
    action,
    result: 'ok',
    objectType: 'training_course',
    objectId: id,
    regionCode,
    details: { status: c.status, mode: c.mode },
  });
}

export async function listPublished(ctx: Ctx, page: number, pageSize: number) {
  const { rows, total } = await repo.listPublished(readerOf(ctx), page, pageSize);
  return { items: rows.map(summary), total, page, pageSize };
}

/** The courses the caller keeps: their organizations', and those in their regions' subtrees. */
export async function listManaged(ctx: Ctx) {
  const grants = actorOf(ctx).grants.filter((g) => g.role === 'org_admin' || g.role === 'region_admin');
  const rows = await repo.listManaged(readerOf(ctx), {
    orgIds: grants.filter((g) => g.orgId !== null).map((g) => g.orgId!),
    prefixes: grants
      .filter((g) => g.orgId === null)
      .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel)),
  });
  return { items: rows.map(summary), total: rows.length, page: 1, pageSize: rows.length };
}

/** A published course as a volunteer sees it: the quiz without answers, their own progress. */
export async function detail(ctx: Ctx, id: string) {
  const c = await repo.findCourse(ctx.db, id);
  if (!c || c.status !== 'published') throw new DomainError('COURSE_NOT_FOUND');
  const v = ctx.actor ? await repo.activeVolunteerOfUser(ctx.db, ctx.actor.userId) : undefined;
  const [round, attempts] = v
    ? await Promise.all([nextRound(ctx.db, id, v.id, ctx.clock()), repo.countAttempts(ctx.db, id, v.id)])
    : [1, 0];
  return {
    ...summary(c),
    material: c.material,
    materialUrl: c.material_url,
    quiz: c.quiz.map((q) => ({ text: q.text, options: q.options })),
    // Completed and not (yet) renewable; `renewal`: completed before, and taking it again renews.
    completed: round === null,
    renewal: round !== null && round > 1,
    attempts,
  };
}

/** A course for its admins: the quiz with its answers. */
export async function manage(ctx: Ctx, id: string) {
  const c = await repo.findCourse(ctx.db, id);
  if (!c) throw new DomainError('COURSE_NOT_FOUND');
  return {
    ...summary(c),
    orgId: c.owner_org_id,
    regionCode: c.owner_region_code,
    material: c.material,
    materialUrl: c.material_url,
    quiz: c.quiz,
    completions: await repo.countRecords(ctx.db, id),
  };
}

/** Completions and (for an offline course) the activity's checked-in attendees. */
export async function completions(ctx: Ctx, id: string) {
  const c = await repo.findCourse(ctx.db, id);
  if (!c) throw new DomainError('COURSE_NOT_FOUND');
  const [records, attendees] = await Promise.all([
    repo.recordsOfCourse(ctx.db, id),
    c.activity_id ? repo.attendeesOf(ctx.db, c.activity_id, id) : Promise.resolve([]),
  ]);
  return {
    records: records.map((r) => ({
      id: r.id,
      volunteerId: r.volunteer_id,
      name: r.name ?? '',
      method: r.method,
      at: iso(r.created_at)!,
    })),
    attendees: attendees.map((a) => ({
      volunteerId: a.volunteer_id,
      name: a.name ?? '',
      checkedInAt: iso(a.check_in_at)!,
      completed: Boolean(a.completed),
    })),
  };
}
