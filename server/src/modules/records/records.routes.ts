import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ActivityRecordParams,
  AwardBody,
  Created,
  EvaluationBody,
  PersonRecords,
  TrainingBody,
  BackfillBody,
  BulkResult,
  ConfirmBody,
  CorrectionBody,
  DecideBody,
  MAX_EVIDENCE_BASE64,
  MAX_EVIDENCE_FILES,
  MyRecords,
  MyRecordsQuery,
  RecordCreated,
  RecordListQuery,
  RecordPage,
  RecordParams,
} from '@yiqi/shared/contracts/records';
import { IsoDate, RegionCode, text } from '@yiqi/shared/contracts/common';
import { OrganizationParams } from '@yiqi/shared/contracts/organizations';
import { staff, type Access } from '../../http/access.ts';
import { checkScopeBeforeBody } from '../../http/authorization.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as corrections from './corrections.service.ts';
import * as person from './person-records.service.ts';
import * as records from './records.service.ts';
import { SIGNAL_KINDS, signals } from './signals.service.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';

const tags = ['service records'];
const SELF: Access = { kind: 'user' };
const STAFF = ['org_admin', 'region_admin'] as const;
/** The organization that recorded the entry in the path (or one above it: nobody decides about themselves). */
const RECORD_ORG = staff(STAFF, targets.recordDecisionById);
/** Decisions about the people of the activity in the path (its organization's admins or those above). */
const ACTIVITY_DECIDER = staff(STAFF, targets.activityDecisionById);
/** The organization in the path: its admins, or the region admins above it. */
const ORG_TEAM = staff(STAFF, targets.organizationById);
/** Decisions about the people of the organization in the path: also the admins of those above it. */
const ORG_DECIDER = staff(STAFF, targets.organizationDecisionById);
/** Escalation: region admins see overdue drafts of the organizations under their region. */
const REGION = staff(['region_admin'], targets.regionInQuery);
const OverdueQuery = z.strictObject({
  region: RegionCode,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const RecordExportQuery = z.strictObject({
  activityId: z.uuid().optional(),
  volunteerNo: text(1, 32).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Drafts, pending and superseded entries too (default: confirmed only). */
  all: z.enum(['true', 'false']).default('false'),
});
const SignalQuery = z.strictObject({
  region: RegionCode,
  kind: z.enum(SIGNAL_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const SignalList = z.object({
  items: z.array(
    z.object({
      kind: z.enum(SIGNAL_KINDS),
      volunteerId: z.uuid(),
      volunteerNo: z.string(),
      name: z.string().nullable(),
      ids: z.array(z.string()),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});

export function registerRecordRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/records/signals', {
    schema: {
      tags,
      summary:
        'Fraud signals for reviewers: over 24 h a day, overlaps, implausible travel, rubber stamps, spikes',
      querystring: SignalQuery,
      response: { 200: SignalList },
    },
    config: { access: REGION },
    handler: (req) =>
      signals(
        ctxOf(req),
        req.query.region,
        req.query.kind ? [req.query.kind] : [...SIGNAL_KINDS],
        req.query.limit,
      ),
  });

  r.get('/api/activities/:id/records', {
    schema: {
      tags,
      summary: 'Service records of an activity; drafts are made from attendance when its shifts have ended',
      params: ActivityRecordParams,
      querystring: RecordListQuery,
      response: { 200: RecordPage },
    },
    config: { access: ACTIVITY_DECIDER },
    handler: async (req) => {
      const ctx = ctxOf(req);
      await records.draftForActivity(ctx, req.params.id);
      return records.list(
        ctx,
        { activityId: req.params.id, status: req.query.status, overdue: req.query.overdue === 'true' },
        req.query.page,
        req.query.pageSize,
      );
    },
  });

  r.post('/api/activities/:id/records/confirm', {
    schema: {
      tags,
      summary: 'Confirm drafts, as they are or with adjusted minutes and a reason',
      params: ActivityRecordParams,
      body: ConfirmBody,
      response: { 200: BulkResult },
    },
    config: { access: ACTIVITY_DECIDER },
    handler: (req) => records.confirm(ctxOf(req), req.params.id, req.body.items),
  });

  r.get('/api/organizations/:id/records', {
    schema: {
      tags,
      summary: 'Service records an organization recorded (drafts past due with overdue=true)',
      params: OrganizationParams,
      querystring: RecordListQuery,
      response: { 200: RecordPage },
    },
    config: { access: ORG_DECIDER },
    handler: (req) =>
      records.list(
        ctxOf(req),
        { orgId: req.params.id, status: req.query.status, overdue: req.query.overdue === 'true' },
        req.query.page,
        req.query.pageSize,
      ),
  });

  r.get('/api/organizations/:id/records/export.xlsx', {
    schema: {
      tags,
      summary: 'Confirmed records of the organization as Excel, by activity, volunteer or period (audited)',
      params: OrganizationParams,
      querystring: RecordExportQuery,
    },
    config: { access: ORG_TEAM },
    handler: async (req, reply) => {
      const q = req.query;
      const book = await records.exportRecords(ctxOf(req), req.params.id, {
        ...(q.activityId ? { activityId: q.activityId } : {}),
        ...(q.volunteerNo ? { volunteerNo: q.volunteerNo } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        all: q.all === 'true',
      });
      return sendDownload(reply, MEDIA.xlsx, 'service-records.xlsx', book);
    },
  });

  r.post('/api/organizations/:id/records/backfill', {
    schema: {
      tags,
      summary: 'Back-fill past service with evidence; a second person approves it',
      params: OrganizationParams,
      body: BackfillBody,
      response: { 200: RecordCreated },
    },
    config: { access: ORG_TEAM },
    // Up to five evidence files of 3 MB each, base64-encoded, and the JSON around them; the organization
    // in the path is checked before that much is read.
    bodyLimit: MAX_EVIDENCE_FILES * MAX_EVIDENCE_BASE64 + 64 * 1024,
    preParsing: checkScopeBeforeBody,
    handler: (req) => corrections.backfill(ctxOf(req), req.params.id, req.body),
  });

  r.post('/api/records/:id/decision', {
    schema: {
      tags,
      summary: 'Approve or reject a pending back-fill or correction (never one’s own)',
      params: RecordParams,
      body: DecideBody,
      response: { 200: RecordCreated },
    },
    config: { access: RECORD_ORG },
    handler: (req) => corrections.decide(ctxOf(req), req.params.id, req.body.decision, req.body.reason),
  });

  r.get('/api/records/overdue', {
    schema: {
      tags,
      summary: 'Drafts past their 10-working-day due date in organizations under a region (escalation)',
      querystring: OverdueQuery,
      response: { 200: RecordPage },
    },
    config: { access: REGION },
    handler: (req) => records.listOverdue(ctxOf(req), req.query.region, req.query.page, req.query.pageSize),
  });

  r.get('/api/me/records', {
    schema: {
      tags,
      summary: 'My record card: totals, stars reached by hours, and my records',
      querystring: MyRecordsQuery,
      response: { 200: MyRecords },
    },
    config: { access: SELF },
    handler: (req) => records.mine(ctxOf(req), req.query.page, req.query.pageSize),
  });

  for (const [path, body, summary, add] of [
    [
      'trainings',
      TrainingBody,
      'Record a volunteer’s training (name, content, hours, host, date)',
      person.addTraining,
    ],
    [
      'awards',
      AwardBody,
      'Record an award (name, date, grantor, and who granted or verified it)',
      person.addAward,
    ],
    [
      'evaluations',
      EvaluationBody,
      'Record an evaluation (quality rating, optional stars)',
      person.addEvaluation,
    ],
  ] as const)
    r.post(`/api/organizations/:id/${path}`, {
      schema: { tags, summary, params: OrganizationParams, body: body, response: { 200: Created } },
      config: { access: ORG_TEAM },
      handler: (req) => add(ctxOf(req), req.params.id, req.body as never),
    });

  r.get('/api/me/records/other', {
    schema: {
      tags,
      summary: 'My training, award and evaluation records',
      response: { 200: PersonRecords },
    },
    config: { access: SELF },
    handler: (req) => person.mine(ctxOf(req)),
  });

  r.post('/api/me/records/:id/correction', {
    schema: {
      tags,
      summary: 'Ask the recording organization to correct one of my confirmed records',
      params: RecordParams,
      body: CorrectionBody,
      response: { 200: RecordCreated },
    },
    config: { access: SELF },
    handler: (req) =>
      corrections.requestCorrection(ctxOf(req), req.params.id, req.body.minutes, req.body.reason),
  });
}
