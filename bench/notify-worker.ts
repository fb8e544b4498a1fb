// A delivery process for the "notifications" scenario: sends due deliveries (deliverDue, as the job
// notifications.deliver does) in a loop through the configured channel until the parent kills it. It reports
// each pass's outcome to the parent, so the parent can kill it mid-run (kill -9) and start another.
import pino from 'pino';
import { openConfigured } from '../server/src/db/setup.ts';
import { loadConfig } from '../server/src/lib/config.ts';
import { systemCtx } from '../server/src/core/system-ctx.ts';
import { notificationChannelFor } from '../server/src/modules/notifications/channels.ts';
import { deliverDue } from '../server/src/modules/notifications/delivery.service.ts';

const config = loadConfig(process.env);
const handle = await openConfigured(config);
const log = pino({ level: 'silent' });
const ctx = systemCtx({ db: handle.db, config, clock: () => new Date() }, { requestId: 'bench:notify', log });
const channel = notificationChannelFor(config, log);
process.send!({ ready: true });
for (;;) {
  const c = await deliverDue(ctx, channel, { batch: 500, maxBatches: 1 });
  process.send!(c);
  if (c.sent + c.failed + c.retrying + c.skipped === 0) await new Promise((r) => setTimeout(r, 100));
}
