import type { z } from 'zod';
import { EXPIRING_DAYS, type AttemptBody, type CompletionsBody } from '@yiqi/shared/contracts/training';
import type { Database } from '../../db/database.ts';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isSelf } from '../roles/deciders.ts';
import * as repo from './training.repository.ts';

/**
 * Completing a course: an online one by a passed quiz the server grades (every attempt is kept), an offline
 * one by an admin recording the activity's checked-in attendees. Either writes a training record and, when
 * the course grants one, a qualification expiring after its type's validity. A course is completed once,
 * unless the qualification it granted is within its last 30 days or expired: then completing it again is a
 * renewal (a new record and a new qualification; the old ones stay as history).
 */

const RENEW_MS = EXPIRING_DAYS * 86_400_000;

/**
 * The round the volunteer's next completion of the course would be: 1 the first time; after that the next
 * round only when the qualification the last completion granted is unrevoked and expires within 30 days
 * (or has expired); null when the course may not be completed again (no qualification, one still valid
 * beyond 30 days, or a revoked one: a revocation is not washed out by retaking the course).
 */
export async function nextRound(db: Database, courseId: string, volunteerId: string, now: Date) {
  const last = await repo.latestCompletion(db, courseId, volunteerId);
  if (!last) return 1;
  if (!last.qualification_id || last.revoked || !last.expires_at) return null;
  return new Date(last.expires_at).getTime() - now.getTime() <= RENEW_MS ? last.round + 1 : null;
}

/** `months` calendar months after `at` (the 31st of a short month falls back to its last day). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** Grants the course's qualification from a training record; null when the course grants none. */
async function grant(
  ctx: Ctx,
  code: string | null,
  volunteerId: string,
  recordId: string,
  by: string | null,
) {
  if (!code) return null;
  const type = await repo.findType(ctx.db, code);
  if (!type) return null;
  const now = ctx.clock();
  return repo.insertQualification(ctx.db, {
    volunteer_id: volunteerId,
    type_code: code,
    issued_at: now,
    expires_at: type.validity_months ? addMonths(now, type.validity_months) : null,
    completion_id: recordId,
    granted_by: by,
  });
}

export async function attempt(ctx: Ctx, courseId: string, b: z.infer<typeof AttemptBody>) {
  const c = await repo.findCourse(ctx.db, courseId);
  if (!c || c.status !== 'published') throw new DomainError('COURSE_NOT_FOUND');
  if (c.mode !== 'online') throw new DomainError('COURSE_NOT_ONLINE');
  const v = await repo.activeVolunteerOfUser(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  if (b.answers.length !== c.quiz.length || b.answers.some((a, i) => a >= c.quiz[i]!.options.length))
    throw new DomainError('QUIZ_ANSWERS_COUNT');
  const correct = b.answers.filter((a, i) => a === c.quiz[i]!.answer).length;
  const passed = correct >= c.pass_mark;
  return withTransaction(ctx, async (tx) => {
    const now = ctx.clock();
    const round = await nextRound(tx.db, courseId, v.id, now);
    if (round === null) throw new DomainError('COURSE_ALREADY_COMPLETED');
    const attemptId = await repo.insertAttempt(tx.db, {
      course_id: courseId,
      volunteer_id: v.id,
      answers: b.answers,
      correct,
      passed,
      at: now,
    });
    let recordId: string | null = null;
    let qualificationId: string | null = null;
    if (passed) {
      recordId =
        (await repo.insertRecord(tx.db, {
          course_id: courseId,
          volunteer_id: v.id,
          round,
          method: 'quiz',
          attempt_id: attemptId,
          at: now,
        })) ?? null;
      // A concurrent pass wrote the record first: this attempt stays recorded, nothing is granted twice.
      if (!recordId) throw new DomainError('COURSE_ALREADY_COMPLETED');
      qualificationId = await grant(tx, c.qualification_code, v.id, recordId, null);
    }
    await recordAudit(tx, {
      action: 'training.attempt',
      result: 'ok',
      objectType: 'training_course',
      objectId: courseId,
      regionCode: v.region_code,
      details: { volunteerId: v.id, attemptId, correct, passed, recordId, round, qualificationId },
    });
    return {
      passed,
      correct,
      total: c.quiz.length,
      passMark: c.pass_mark,
      trainingRecordId: recordId,
      qualificationId,
    };
  });
}

/**
 * Records completions from the linked activity's checked-in attendance (all attendees not yet recorded, or
 * those named). Nobody records their own: asked by name, that is refused; in the bulk it is skipped.
 */
export async function markFromAttendance(ctx: Ctx, courseId: string, b: z.infer<typeof CompletionsBody>) {
  const c = await repo.findCourse(ctx.db, courseId);
  if (!c) throw new DomainError('COURSE_NOT_FOUND');
  if (c.mode !== 'offline' || !c.activity_id) throw new DomainError('COURSE_NOT_OFFLINE');
  const activityId = c.activity_id;
  const me = actorOf(ctx).userId;
  return withTransaction(ctx, async (tx) => {
    let attendees = await repo.attendeesOf(tx.db, activityId, courseId);
    if (b.volunteerIds) {
      const named = new Set(b.volunteerIds);
      attendees = attendees.filter((a) => named.has(a.volunteer_id));
      if (attendees.some((a) => isSelf(tx, a.user_id))) throw new DomainError('TRAINING_SELF_DECISION');
    }
    const skipped: { volunteerId: string; code: string }[] = [];
    let recorded = 0;
    let granted = 0;
    const seen = new Set<string>();
    const now = ctx.clock();
    for (const a of attendees) {
      // One attendance per shift: a volunteer on two shifts of the activity completes the course once.
      if (a.completed || seen.has(a.volunteer_id)) continue;
      seen.add(a.volunteer_id);
      if (isSelf(tx, a.user_id)) {
        skipped.push({ volunteerId: a.volunteer_id, code: 'TRAINING_SELF_DECISION' });
        continue;
      }
      const round = await nextRound(tx.db, courseId, a.volunteer_id, now);
      if (round === null) continue;
      const recordId = await repo.insertRecord(tx.db, {
        course_id: courseId,
        volunteer_id: a.volunteer_id,
        round,
        method: 'attendance',
        attendance_id: a.attendance_id,
        recorded_by: me,
        at: now,
      });
      if (!recordId) continue;
      recorded++;
      if (await grant(tx, c.qualification_code, a.volunteer_id, recordId, me)) granted++;
    }
    await recordAudit(tx, {
      action: 'training.completions',
      result: 'ok',
      objectType: 'training_course',
      objectId: courseId,
      regionCode: c.region_code,
      details: { activityId, recorded, granted, skipped: skipped.length },
    });
    return { recorded, granted, skipped };
  });
}
