/**
 * Test factories for training: courses, qualifications and certificate claims inserted directly (their
 * HTTP paths are tested in training.test.ts), and valid request bodies.
 */
import type { TestApp } from '../../test/harness.ts';
import { addVolunteerRecord } from '../memberships/memberships.testkit.ts';
import { photo } from '../civic/civic.testkit.ts';

export const QUIZ = [
  {
    text: '发现有人倒地无反应，第一步应当？',
    options: ['立即离开', '确认环境安全并呼救', '喂水'],
    answer: 1,
  },
  { text: '成人胸外按压的频率约为每分钟？', options: ['60 次', '100–120 次', '200 次'], answer: 1 },
  { text: '拨打急救电话的号码是？', options: ['110', '119', '120'], answer: 2 },
];
/** The right answers of QUIZ. */
export const RIGHT = QUIZ.map((q) => q.answer);

export function courseBody(over: Record<string, unknown> = {}) {
  return {
    title: '社区急救基础课',
    description: '心肺复苏与 AED 使用入门',
    mode: 'online',
    material: '一、评估环境安全；二、呼救并拨打 120；三、胸外按压 30 次、人工呼吸 2 次。',
    quiz: QUIZ,
    passMark: 2,
    qualificationCode: 'first_aid',
    published: true,
    ...over,
  };
}

async function anyUser(t: TestApp): Promise<string> {
  const u = await t.handle.db
    .selectFrom('users')
    .select('id')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  return u.id;
}

/** A course inserted directly: owned by `orgId` (in `region`) or by the region; online and published by default. */
export async function insertCourse(
  t: TestApp,
  o: {
    orgId?: string;
    region?: string;
    mode?: 'online' | 'offline';
    activityId?: string;
    status?: 'draft' | 'published';
    qualification?: string | null;
  } = {},
): Promise<string> {
  const region = o.region ?? '440305000000';
  const now = t.clock.now();
  const row = await t.handle.db
    .insertInto('training_courses')
    .values({
      owner_org_id: o.orgId ?? null,
      owner_region_code: o.orgId ? null : region,
      region_code: region,
      title: '志愿服务通识',
      mode: o.mode ?? 'online',
      quiz: JSON.stringify(o.mode === 'offline' ? [] : QUIZ),
      pass_mark: o.mode === 'offline' ? 0 : 2,
      activity_id: o.activityId ?? null,
      qualification_code: o.qualification === undefined ? 'first_aid' : o.qualification,
      status: o.status ?? 'published',
      created_by: await anyUser(t),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A volunteer residing in `region` (with an account when `userId` is given). */
export function volunteerIn(t: TestApp, region: string, userId: string | null = null) {
  return addVolunteerRecord(t, userId, { region });
}

/** A held qualification (from an approved claim, so no training record is needed). */
export async function insertQualification(
  t: TestApp,
  volunteerId: string,
  o: { code?: string; issuedAt?: Date; expiresAt?: Date | null } = {},
): Promise<string> {
  const claimId = await insertClaim(t, volunteerId, { code: o.code ?? 'first_aid', status: 'approved' });
  // Issued a day ago, or a year before an expiry given (a lapsed one was issued long before).
  const issued =
    o.issuedAt ??
    new Date(
      Math.min(t.clock.now().getTime(), o.expiresAt ? o.expiresAt.getTime() - 365 * 86_400_000 : Infinity) -
        86_400_000,
    );
  const row = await t.handle.db
    .insertInto('qualifications')
    .values({
      volunteer_id: volunteerId,
      type_code: o.code ?? 'first_aid',
      issued_at: issued,
      expires_at: o.expiresAt === undefined ? new Date(issued.getTime() + 365 * 86_400_000) : o.expiresAt,
      claim_id: claimId,
      created_at: issued,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A certificate claim, pending unless told. */
export async function insertClaim(
  t: TestApp,
  volunteerId: string,
  o: { code?: string; status?: 'pending' | 'approved' } = {},
): Promise<string> {
  const row = await t.handle.db
    .insertInto('qualification_claims')
    .values({
      volunteer_id: volunteerId,
      type_code: o.code ?? 'first_aid',
      issuer: '深圳市红十字会',
      certificate_no: 'HSZ-2026-0001',
      issued_on: '2026-01-10',
      expires_on: '2029-01-09',
      photo_mime: 'image/jpeg',
      photo: Buffer.from(photo().data, 'base64'),
      status: o.status ?? 'pending',
      reviewed_by: o.status === 'approved' ? await anyUser(t) : null,
      reviewed_at: o.status === 'approved' ? t.clock.now() : null,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function claimBody(over: Record<string, unknown> = {}) {
  return {
    code: 'first_aid',
    issuer: '深圳市红十字会',
    certificateNo: 'HSZ-2025-0420',
    issuedOn: '2025-04-20',
    expiresOn: '2028-04-19',
    photo: photo(),
    ...over,
  };
}
