import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { TrainingCoursesTable } from '../../db/schema.training.ts';

/** The training module's queries: courses, attempts, records, qualifications and claims. */

export function listTypes(db: Database) {
  return db.selectFrom('qualification_types').selectAll().orderBy('sort').orderBy('code').execute();
}

export function findType(db: Database, code: string) {
  return db.selectFrom('qualification_types').selectAll().where('code', '=', code).executeTakeFirst();
}

/** A course with its owner's name (the organization's, or the level body's region). */
function courseQuery(db: Database) {
  return db
    .selectFrom('training_courses as c')
    .leftJoin('organizations as o', 'o.id', 'c.owner_org_id')
    .selectAll('c')
    .select([
      sql<string>`coalesce(o.name, (SELECT r.name FROM regions r WHERE r.code = c.owner_region_code LIMIT 1), '')`.as(
        'owner_name',
      ),
      sql<number>`jsonb_array_length(c.quiz)`.as('questions'),
    ]);
}

export function findCourse(db: Database, id: string) {
  return courseQuery(db).where('c.id', '=', id).executeTakeFirst();
}
export type CourseRow = NonNullable<Awaited<ReturnType<typeof findCourse>>>;

export function lockCourse(db: Database, id: string) {
  return db
    .selectFrom('training_courses')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertCourse(db: Database, v: Insertable<TrainingCoursesTable>) {
  return (await db.insertInto('training_courses').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCourse(db: Database, id: string, v: Updateable<TrainingCoursesTable>) {
  await db.updateTable('training_courses').set(v).where('id', '=', id).execute();
}

/** Published courses, newest first (what volunteers browse). */
export async function listPublished(db: Database, page: number, pageSize: number) {
  const q = courseQuery(db).where('c.status', '=', 'published');
  const [rows, total] = await Promise.all([
    q
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('training_courses')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Courses in the caller's scopes: owned by one of `orgIds`, or with a region under one of `prefixes`. */
export function listManaged(db: Database, s: { orgIds: string[]; prefixes: string[] }) {
  return courseQuery(db)
    .where((e) =>
      e.or([
        ...(s.orgIds.length ? [e('c.owner_org_id', 'in', s.orgIds)] : []),
        ...s.prefixes.map((p) => e('c.region_code', 'like', `${p}%`)),
        ...(s.orgIds.length || s.prefixes.length ? [] : [sql<boolean>`false`]),
      ]),
    )
    .orderBy('c.updated_at', 'desc')
    .limit(500)
    .execute();
}

export function findActivityOwner(db: Database, activityId: string) {
  return db
    .selectFrom('activities')
    .select(['org_id', 'region_code'])
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export function findOrganizationRegion(db: Database, orgId: string) {
  return db
    .selectFrom('organizations')
    .select(['region_code', 'status'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}

export function activeVolunteerOfUser(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'region_code'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function countAttempts(db: Database, courseId: string, volunteerId: string) {
  const r = await db
    .selectFrom('training_attempts')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('course_id', '=', courseId)
    .where('volunteer_id', '=', volunteerId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertAttempt(
  db: Database,
  v: {
    course_id: string;
    volunteer_id: string;
    answers: number[];
    correct: number;
    passed: boolean;
    at: Date;
  },
) {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('training_attempts')
    .values({ ...rest, answers: JSON.stringify(v.answers), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * The volunteer's latest completion of the course (highest round) and the qualification it granted (its
 * expiry, whether revoked): what decides whether the course may be completed again (a renewal).
 */
export function latestCompletion(db: Database, courseId: string, volunteerId: string) {
  return db
    .selectFrom('course_completions as r')
    .leftJoin('qualifications as q', 'q.completion_id', 'r.id')
    .leftJoin('qualification_revocations as x', 'x.qualification_id', 'q.id')
    .select(['r.id', 'r.round', 'q.id as qualification_id', 'q.expires_at', 'x.qualification_id as revoked'])
    .where('r.course_id', '=', courseId)
    .where('r.volunteer_id', '=', volunteerId)
    .orderBy('r.round', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * A training record, or undefined when another completion took this round first (a concurrent pass): the
 * unique (course, volunteer, round) key lets one in.
 */
export async function insertRecord(
  db: Database,
  v: {
    course_id: string;
    volunteer_id: string;
    round: number;
    method: 'quiz' | 'attendance';
    attempt_id?: string;
    attendance_id?: string;
    recorded_by?: string;
    at: Date;
  },
) {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('course_completions')
    .values({ ...rest, created_at: at })
    .onConflict((oc) => oc.columns(['course_id', 'volunteer_id', 'round']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function insertQualification(
  db: Database,
  v: {
    volunteer_id: string;
    type_code: string;
    issued_at: Date;
    expires_at: Date | null;
    completion_id?: string;
    claim_id?: string;
    granted_by?: string | null;
  },
) {
  const r = await db
    .insertInto('qualifications')
    .values({ ...v, created_at: v.issued_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Checked-in attendances of the activity (review not rejected) and whether each is covered by a record: one
 * written from it, or any written for the volunteer since (a renewal needs an attendance after the last).
 */
export function attendeesOf(db: Database, activityId: string, courseId: string) {
  return db
    .selectFrom('attendances as a')
    .innerJoin('volunteers as v', 'v.id', 'a.volunteer_id')
    .select([
      'a.id as attendance_id',
      'a.volunteer_id',
      'a.check_in_at',
      'v.name',
      'v.user_id',
      sql<boolean>`EXISTS (SELECT 1 FROM course_completions r
        WHERE r.course_id = ${courseId} AND r.volunteer_id = a.volunteer_id
          AND (r.attendance_id = a.id OR r.created_at >= a.check_in_at))`.as('completed'),
    ])
    .where('a.activity_id', '=', activityId)
    .where('a.review_status', '=', 'ok')
    .orderBy('a.check_in_at')
    .execute();
}

export function recordsOfCourse(db: Database, courseId: string) {
  return db
    .selectFrom('course_completions as r')
    .innerJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .select(['r.id', 'r.volunteer_id', 'r.method', 'r.created_at', 'v.name'])
    .where('r.course_id', '=', courseId)
    .orderBy('r.created_at')
    .limit(2000)
    .execute();
}

export async function countRecords(db: Database, courseId: string) {
  const r = await db
    .selectFrom('course_completions')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('course_id', '=', courseId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function myRecords(db: Database, volunteerId: string) {
  return db
    .selectFrom('course_completions as r')
    .innerJoin('training_courses as c', 'c.id', 'r.course_id')
    .select(['r.id', 'r.course_id', 'r.method', 'r.round', 'r.created_at', 'c.title'])
    .where('r.volunteer_id', '=', volunteerId)
    .orderBy('r.created_at', 'desc')
    .execute();
}

export function myQualifications(db: Database, volunteerId: string) {
  return db
    .selectFrom('qualifications as q')
    .leftJoin('qualification_revocations as x', 'x.qualification_id', 'q.id')
    .select(['q.id', 'q.type_code', 'q.issued_at', 'q.expires_at', 'q.completion_id', 'x.reason'])
    .where('q.volunteer_id', '=', volunteerId)
    .orderBy('q.issued_at', 'desc')
    .execute();
}

export function myClaims(db: Database, volunteerId: string) {
  return db
    .selectFrom('qualification_claims')
    .select(['id', 'type_code', 'status', 'review_note', 'created_at'])
    .where('volunteer_id', '=', volunteerId)
    .orderBy('created_at', 'desc')
    .execute();
}
