import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AttemptBody,
  AttemptResult,
  CLAIM_MAX_PHOTO_BASE64,
  ClaimBody,
  ClaimListQuery,
  ClaimParams,
  ClaimQueue,
  CompletionList,
  CompletionsBody,
  CompletionsResult,
  CourseBody,
  CourseDetail,
  CourseListQuery,
  CourseManage,
  CoursePage,
  CourseParams,
  CourseSaved,
  Coverage,
  CoverageQuery,
  MyTraining,
  QualificationParams,
  QualificationTypeList,
  ReviewBody,
  RevokeBody,
  VolunteerQualifications,
  VolunteerQualificationsParams,
} from '@yiqi/shared/contracts/training';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as courses from './courses.service.ts';
import * as completion from './completion.service.ts';
import * as quals from './qualifications.service.ts';

const tags = ['training'];
const PUBLIC: Access = { kind: 'public' };
const SELF: Access = { kind: 'user' };
const ADMINS = ['org_admin', 'region_admin'] as const;
/** A course's owner: its organization's admins, or the region admins over it. */
const COURSE_ADMIN = staff(ADMINS, targets.courseById);
/** Certificates and held qualifications: the region admins over the volunteer's residence. */
const CLAIM_REVIEWER = staff(['region_admin'], targets.qualificationClaimById);

function sendPhoto(reply: FastifyReply, p: { mime: string; bytes: Buffer }) {
  return reply
    .headers({ 'content-type': p.mime, 'cache-control': 'private, no-store' })
    .send(p.bytes as never);
}

export function registerTrainingRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/training/qualification-types', {
    schema: { tags, summary: 'The qualification catalogue', response: { 200: QualificationTypeList } },
    config: { access: PUBLIC },
    handler: (req) => quals.types(ctxOf(req)),
  });

  r.get('/api/training/courses', {
    schema: {
      tags,
      summary: 'Published courses',
      querystring: CourseListQuery,
      response: { 200: CoursePage },
    },
    config: { access: PUBLIC, readReplica: true },
    handler: (req) => courses.listPublished(ctxOf(req), req.query.page, req.query.pageSize),
  });

  r.get('/api/training/courses/:id', {
    schema: {
      tags,
      summary: 'A published course: material and quiz (without answers), and the caller’s progress',
      params: CourseParams,
      response: { 200: CourseDetail },
    },
    config: { access: { kind: 'public', identify: true } },
    handler: (req) => courses.detail(ctxOf(req), req.params.id),
  });

  r.post('/api/training/courses/:id/attempts', {
    schema: {
      tags,
      summary: 'Submit quiz answers; a pass writes a training record and may grant a qualification',
      params: CourseParams,
      body: AttemptBody,
      response: { 200: AttemptResult },
    },
    config: { access: SELF },
    handler: (req) => completion.attempt(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/me/training', {
    schema: {
      tags,
      summary: 'My training records, qualifications (with expiry state) and certificate claims',
      response: { 200: MyTraining },
    },
    config: { access: SELF },
    handler: (req) => quals.mine(ctxOf(req)),
  });

  r.post('/api/me/training/claims', {
    schema: {
      tags,
      summary: 'Upload a certificate I hold, for review',
      body: ClaimBody,
      response: { 200: CourseSaved },
    },
    config: { access: SELF },
    bodyLimit: CLAIM_MAX_PHOTO_BASE64 + 16 * 1024,
    handler: (req) => quals.claim(ctxOf(req), req.body),
  });

  r.get('/api/training/manage/courses', {
    schema: { tags, summary: 'Courses in my scopes (drafts included)', response: { 200: CoursePage } },
    config: { access: staff(ADMINS) },
    handler: (req) => courses.listManaged(ctxOf(req)),
  });

  r.post('/api/training/manage/courses', {
    schema: {
      tags,
      summary: 'Create a course for an organization (orgId) or a level body (regionCode)',
      body: CourseBody,
      response: { 200: CourseSaved },
    },
    config: { access: staff(ADMINS, targets.organizationOrRegionInBody) },
    handler: (req) => courses.create(ctxOf(req), req.body),
  });

  r.get('/api/training/manage/courses/:id', {
    schema: {
      tags,
      summary: 'A course for editing (quiz answers included)',
      params: CourseParams,
      response: { 200: CourseManage },
    },
    config: { access: COURSE_ADMIN },
    handler: (req) => courses.manage(ctxOf(req), req.params.id),
  });

  r.put('/api/training/manage/courses/:id', {
    schema: {
      tags,
      summary: 'Edit, publish or withdraw a course (its owner stays)',
      params: CourseParams,
      body: CourseBody,
      response: { 200: CourseSaved },
    },
    config: { access: COURSE_ADMIN },
    handler: (req) => courses.update(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/training/manage/courses/:id/completions', {
    schema: {
      tags,
      summary: 'Completions, and the linked activity’s checked-in attendees',
      params: CourseParams,
      response: { 200: CompletionList },
    },
    config: { access: COURSE_ADMIN },
    handler: (req) => courses.completions(ctxOf(req), req.params.id),
  });

  r.post('/api/training/manage/courses/:id/completions', {
    schema: {
      tags,
      summary: 'Record completions from attendance (never one’s own)',
      params: CourseParams,
      body: CompletionsBody,
      response: { 200: CompletionsResult },
    },
    config: { access: staff(ADMINS, targets.courseDecisionById) },
    handler: (req) => completion.markFromAttendance(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/training/claims', {
    schema: {
      tags,
      summary: 'Certificate claims waiting for review, in a region or my regions',
      querystring: ClaimListQuery,
      response: { 200: ClaimQueue },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => quals.queue(ctxOf(req), req.query.region),
  });

  r.get('/api/training/claims/:id/photo', {
    schema: { tags, summary: 'A claim’s certificate photo (each view audited)', params: ClaimParams },
    config: { access: CLAIM_REVIEWER },
    handler: async (req, reply) => sendPhoto(reply, await quals.claimPhoto(ctxOf(req), req.params.id)),
  });

  r.post('/api/training/claims/:id/review', {
    schema: {
      tags,
      summary: 'Approve (grants the qualification) or reject a certificate claim; never one’s own',
      params: ClaimParams,
      body: ReviewBody,
      response: { 200: OkSchema },
    },
    config: { access: CLAIM_REVIEWER },
    handler: (req) => quals.review(ctxOf(req), req.params.id, req.body),
  });

  r.get('/api/training/volunteers/:id/qualifications', {
    schema: {
      tags,
      summary: 'A volunteer’s qualification records with their state (the region admins over the volunteer)',
      params: VolunteerQualificationsParams,
      response: { 200: VolunteerQualifications },
    },
    config: { access: staff(['region_admin'], targets.volunteerById) },
    handler: (req) => quals.ofVolunteer(ctxOf(req), req.params.id),
  });

  r.post('/api/training/qualifications/:id/revoke', {
    schema: {
      tags,
      summary: 'Revoke a qualification (a new row with the reason); never one’s own',
      params: QualificationParams,
      body: RevokeBody,
      response: { 200: OkSchema },
    },
    config: { access: staff(['region_admin'], targets.qualificationById) },
    handler: (req) => quals.revoke(ctxOf(req), req.params.id, req.body.reason),
  });

  r.get('/api/training/coverage', {
    schema: {
      tags,
      summary: 'Volunteers holding each valid qualification, by region and by organization',
      querystring: CoverageQuery,
      response: { 200: Coverage },
    },
    config: { access: staff(ADMINS, targets.organizationOrRegionInQuery), readReplica: true },
    handler: (req) => quals.coverage(ctxOf(req), req.query),
  });
}
