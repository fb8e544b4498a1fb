import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActivityParams,
  CancelSignupResult,
  DecisionBody,
  DecisionResult,
  MySignupPage,
  MySignupParams,
  MySignupQuery,
  NoShowResult,
  ShiftParams,
  SignupBody,
  SignupListQuery,
  SignupPage,
  SignupResult,
} from '@yiqi/shared/contracts/activities';
import {
  Board,
  BoardQuery,
  CheckResult,
  QrToken,
  ReviewBody,
  ReviewParams,
  ScanBody,
  SiteCode,
  StaffCheckBody,
} from '@yiqi/shared/contracts/attendance';
import { OkSchema } from '@yiqi/shared/contracts/common';
import type { Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import { ACTIVITY_DECIDER, ORGANIZER } from './activities.routes.ts';
import * as attendance from './attendance.service.ts';
import * as signups from './signups.service.ts';
import * as site from './site-code.service.ts';

const tags = ['sign-ups and attendance'];
/** Any signed-in account; the services act only on the caller's own volunteer record. */
const SELF: Access = { kind: 'user' };
/**
 * The hot writes: their service reads the session in its own first statement (decision 0072), so their
 * small bodies are read before the session is decided: at most IN_STATEMENT_BODY_LIMIT bytes.
 */
const SELF_IN_STATEMENT: Access = { kind: 'user', sessionInHandler: true };
const IN_STATEMENT_BODY_LIMIT = 4096;

export function registerSignupRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/shifts/:id/signups', {
    schema: {
      tags,
      summary: 'Sign up for a shift: accepted, pending approval, or waitlisted when full',
      params: ActivityParams,
      body: SignupBody,
      response: { 200: SignupResult },
    },
    config: { access: SELF_IN_STATEMENT },
    bodyLimit: IN_STATEMENT_BODY_LIMIT,
    handler: (req) => signups.signUp(ctxOf(req), req.params.id, req.body.inviteCode),
  });

  r.get('/api/me/signups', {
    schema: {
      tags,
      summary: 'My sign-ups with attendance',
      querystring: MySignupQuery,
      response: { 200: MySignupPage },
    },
    config: { access: SELF },
    handler: (req) => signups.listMine(ctxOf(req), req.query.when, req.query.page, req.query.pageSize),
  });

  r.post('/api/me/signups/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel my sign-up before the shift starts (late after the cut-off); the waitlist moves up',
      params: MySignupParams,
      response: { 200: CancelSignupResult },
    },
    config: { access: SELF },
    handler: (req) => signups.cancelMine(ctxOf(req), req.params.id),
  });

  r.get('/api/activities/:id/signups', {
    schema: {
      tags,
      summary: 'Sign-ups of an activity for its organizer',
      params: ActivityParams,
      querystring: SignupListQuery,
      response: { 200: SignupPage },
    },
    config: { access: ACTIVITY_DECIDER },
    handler: (req) =>
      signups.listOfActivity(
        ctxOf(req),
        req.params.id,
        { status: req.query.status, shiftId: req.query.shiftId },
        req.query.page,
        req.query.pageSize,
      ),
  });

  r.post('/api/activities/:id/signups/decision', {
    schema: {
      tags,
      summary: 'Accept pending sign-ups, or reject pending and waitlisted ones with a reason, in bulk',
      params: ActivityParams,
      body: DecisionBody,
      response: { 200: DecisionResult },
    },
    config: { access: ACTIVITY_DECIDER },
    handler: (req) =>
      signups.decide(ctxOf(req), req.params.id, req.body.ids, req.body.decision, req.body.reason),
  });

  r.post('/api/activities/:id/shifts/:shiftId/no-shows', {
    schema: {
      tags,
      summary: 'After a shift ends, record accepted volunteers who never checked in as no-shows',
      params: ShiftParams,
      response: { 200: NoShowResult },
    },
    config: { access: ORGANIZER },
    handler: (req) => signups.recordNoShows(ctxOf(req), req.params.id, req.params.shiftId),
  });

  r.get('/api/activities/:id/shifts/:shiftId/qr', {
    schema: {
      tags,
      summary: 'The rotating check-in code to show on the organizer’s screen (changes every 30 s)',
      params: ShiftParams,
      response: { 200: QrToken },
    },
    config: { access: ORGANIZER },
    handler: (req) => attendance.currentToken(ctxOf(req), req.params.id, req.params.shiftId),
  });

  r.get('/api/activities/:id/site-code', {
    schema: {
      tags,
      summary:
        'The rotating site code (签到码) for the organizer’s screen: one QR and a six-digit short code for ' +
        'every position and shift of the activity’s site (changes every 30 s)',
      params: ActivityParams,
      response: { 200: SiteCode },
    },
    config: { access: ORGANIZER },
    handler: (req) => site.currentSiteCode(ctxOf(req), req.params.id),
  });

  r.post('/api/checkins', {
    schema: {
      tags,
      summary:
        'Check in by scanning the organizer’s code (a shift’s or the site’s) or typing its six-digit short ' +
        'code; a site code checks in to the shift the volunteer holds there now (idempotent)',
      body: ScanBody,
      response: { 200: CheckResult },
    },
    config: { access: SELF_IN_STATEMENT },
    bodyLimit: IN_STATEMENT_BODY_LIMIT,
    handler: (req) => attendance.scanCheckIn(ctxOf(req), req.body, req.body.position),
  });

  r.post('/api/checkouts', {
    schema: {
      tags,
      summary: 'Check out by scanning a newer code than the one used to check in (idempotent)',
      body: ScanBody,
      response: { 200: CheckResult },
    },
    config: { access: SELF },
    handler: (req) => attendance.scanCheckOut(ctxOf(req), req.body, req.body.position),
  });

  r.get('/api/activities/:id/attendance', {
    schema: {
      tags,
      summary: 'Live attendance board: expected, checked in, late, absent, checked out',
      params: ActivityParams,
      querystring: BoardQuery,
      response: { 200: Board },
    },
    config: { access: ORGANIZER },
    handler: (req) =>
      attendance.board(
        ctxOf(req),
        req.params.id,
        { shiftId: req.query.shiftId, state: req.query.state },
        req.query.page,
        req.query.pageSize,
      ),
  });

  r.post('/api/activities/:id/attendance/check-in', {
    schema: {
      tags,
      summary: 'Check in a volunteer from the roster (for those without a phone)',
      params: ActivityParams,
      body: StaffCheckBody,
      response: { 200: CheckResult },
    },
    config: { access: ORGANIZER },
    handler: (req) => attendance.staffCheckIn(ctxOf(req), req.params.id, req.body.signupId),
  });

  r.post('/api/activities/:id/attendance/check-out', {
    schema: {
      tags,
      summary: 'Check out a volunteer, or complete a forgotten check-out with the actual time',
      params: ActivityParams,
      body: StaffCheckBody,
      response: { 200: CheckResult },
    },
    config: { access: ORGANIZER },
    handler: (req) => attendance.staffCheckOut(ctxOf(req), req.params.id, req.body.signupId, req.body.at),
  });

  r.post('/api/activities/:id/attendance/:attendanceId/review', {
    schema: {
      tags,
      summary: 'Approve or reject a check-in made outside the activity’s area',
      params: ReviewParams,
      body: ReviewBody,
      response: { 200: OkSchema },
    },
    config: { access: ORGANIZER },
    handler: (req) =>
      attendance.review(ctxOf(req), req.params.id, req.params.attendanceId, req.body.decision),
  });
}
