import type { JobDefinition } from '../../core/jobs.ts';
import { notificationChannelFor } from './channels.ts';
import { deliverDue, remindShifts } from './delivery.service.ts';
import { runHoursNotices } from './hours-notices.ts';
import { notifyOverdueRecords } from './overdue-notices.ts';
import { notifyExpiringQualifications } from './qualification-notices.ts';

/** The notifications module's jobs (its manifest lists them; modules/jobs runs them). */
export const notificationJobs: JobDefinition[] = [
  {
    // Confirmed hours reach the volunteer's inbox within a minute (record events, read once each).
    name: 'notifications.hours',
    everySeconds: 60,
    run: async (ctx) => {
      const n = await runHoursNotices(ctx);
      if (n) ctx.log.info(`read ${n} record event(s) for hours notices`);
    },
  },
  {
    // Queued deliveries go out through NOTIFY_CHANNEL; failures wait for their retry time.
    name: 'notifications.deliver',
    everySeconds: (config) => config.notifyDeliverSeconds,
    run: async (ctx) => {
      const c = await deliverDue(ctx, notificationChannelFor(ctx.config, ctx.log));
      if (c.sent + c.failed + c.retrying + c.skipped) ctx.log.info(c, 'notification deliveries');
    },
  },
  {
    // A sweep, not a timer per sign-up: what is due is read from the sign-ups, so nothing is lost to a restart.
    name: 'notifications.reminders',
    everySeconds: 300,
    run: async (ctx) => {
      const n = await remindShifts(ctx);
      if (n) ctx.log.info(`reminded ${n} sign-up(s) of their shift`);
    },
  },
  {
    // Once a China day per unit (records_overdue_notices); checked hourly so a day's notice goes out early.
    name: 'notifications.overdue-records',
    everySeconds: 3600,
    run: async (ctx) => {
      const n = await notifyOverdueRecords(ctx);
      if (n) ctx.log.info(`told ${n} organization(s) of overdue records`);
    },
  },
  {
    // Once per qualification entering its last 30 days (qualification_expiry_notices); a daily sweep, checked
    // hourly so a notice goes out within the hour its qualification starts expiring.
    name: 'notifications.qualifications-expiring',
    everySeconds: 3600,
    run: async (ctx) => {
      const n = await notifyExpiringQualifications(ctx);
      if (n) ctx.log.info(`told ${n} holder(s) of expiring qualifications`);
    },
  },
];
