// Scenario "notifications" (issue 16): notices queued and delivered per second, with a delivery process
// killed (kill -9) in the middle and another started, losing none. On a throwaway database:
//   1. BENCH_NOTIFY_USERS (default 20,000) volunteers with a phone on record and SMS turned on;
//   2. queue: one notice each through notify() (the inbox row and its delivery in one statement), 1,000
//      recipients per transaction, as a use case does: notices queued per second;
//   3. deliver: a child process (bench/notify-worker.ts, the job's deliverDue in a loop) sends them to a
//      gateway in this process (NOTIFY_CHANNEL=webhook); at half it is killed with SIGKILL and a second one
//      started; NOTIFY_LEASE_SECONDS=5, so what the first had claimed is sent again after 5 s.
// Checks (the run fails otherwise): every delivery `sent`, every delivery id received by the gateway, and
// resends only of deliveries the killed process had claimed (at least once, never lost).
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { withUser } from '../../server/src/db/database.ts';
import { encrypt } from '../../server/src/lib/crypto.ts';
import { bulkVolunteers } from '../../server/src/modules/activities/bulk.testkit.ts';
import { notify } from '../../server/src/modules/notifications/notifications.service.ts';
import { onCleanup, withBenchDatabase, type Scenario } from '../lib.ts';

const USERS = Number(process.env.BENCH_NOTIFY_USERS ?? 20_000);
const REPO = fileURLToPath(new URL('../..', import.meta.url));

export const notifications: Scenario = {
  name: 'notifications',
  description: 'notices queued and delivered per second, a delivery process killed mid-run losing none',
  async run(options) {
    return withBenchDatabase(options.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const key = randomBytes(32);
      const people = await bulkVolunteers(db, USERS, new Date());
      const phone = encrypt(key, '13912345678');
      await sql`UPDATE volunteers SET phone_enc = ${phone} WHERE user_id IS NOT NULL`.execute(db);
      await sql`INSERT INTO notification_preferences (user_id, channel, enabled)
                SELECT id, 'sms', true FROM users`.execute(db);

      const t0 = performance.now();
      for (let i = 0; i < people.length; i += 1000)
        await db.transaction().execute((tx) =>
          notify(
            tx,
            people.slice(i, i + 1000).map((p) => p.userId),
            'signup_accepted',
            { title: '基准测试活动' },
          ),
        );
      const queueSeconds = (performance.now() - t0) / 1000;

      const received = new Map<number, number>();
      const gateway = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const id = (JSON.parse(body) as { deliveryId: number }).deliveryId;
          received.set(id, (received.get(id) ?? 0) + 1);
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((ok) => gateway.listen(0, '127.0.0.1', ok));
      const stopGateway = onCleanup(() => new Promise<void>((ok) => gateway.close(() => ok())));
      const env = {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: withUser(url, 'yiqi_app'),
        YIQI_APP_KEY: key.toString('base64'),
        NOTIFY_CHANNEL: 'webhook',
        NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`,
        NOTIFY_LEASE_SECONDS: '5',
      };
      let sent = 0;
      const worker = () =>
        new Promise<ChildProcess>((ok, fail) => {
          const child = fork(fileURLToPath(new URL('../notify-worker.ts', import.meta.url)), [], {
            cwd: REPO,
            execArgv: ['--import', 'tsx'],
            env,
          });
          onCleanup(async () => void child.kill('SIGKILL'));
          child.on('message', (m: { ready?: boolean; sent?: number }) => {
            if (m.ready) ok(child);
            else sent += m.sent ?? 0;
          });
          child.once('exit', (code, signal) => signal || fail(new Error(`worker exited (${code})`)));
        });

      const d0 = performance.now();
      const first = await worker();
      const r0 = performance.now();
      while (sent < USERS / 2) await new Promise((r) => setTimeout(r, 20));
      // Kill it while it holds claimed deliveries it has not recorded (mid-batch), the case a lease is for.
      const inFlight = async () =>
        Number(
          (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_deliveries
                                     WHERE status = 'queued' AND attempts > 0`.execute(db)
          ).rows[0]!.n,
        );
      let claimedWhenKilled = await inFlight();
      for (let i = 0; i < 200 && claimedWhenKilled === 0; i++) claimedWhenKilled = await inFlight();
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      // What the dead process held: claimed, never recorded; these are the only ones that may go out twice.
      claimedWhenKilled = await inFlight();
      const killedAt = sent;
      const steadySeconds = (performance.now() - r0) / 1000;
      const second = await worker();
      const pending = async () =>
        Number(
          (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_deliveries
                                     WHERE status <> 'sent'`.execute(db)
          ).rows[0]!.n,
        );
      while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
      const deliverSeconds = (performance.now() - d0) / 1000;
      second.kill('SIGKILL');
      await stopGateway();

      const attempts = Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_attempts`.execute(db)).rows[0]!
          .n,
      );
      const resent = [...received.values()].filter((n) => n > 1).length;
      const lost = USERS - received.size;
      console.log(`\nnotifications (${USERS} recipients, 1 delivery each, gateway on loopback):`);
      console.log(
        `  queued:    ${(USERS / queueSeconds).toFixed(0)} notices/s (inbox row + delivery, ${queueSeconds.toFixed(1)} s)`,
      );
      console.log(
        `  delivered: ${(USERS / deliverSeconds).toFixed(0)} /s over ${deliverSeconds.toFixed(1)} s, including the kill -9 after ${killedAt} and the ${env.NOTIFY_LEASE_SECONDS} s lease`,
      );
      console.log(`  delivered by one process while up: ${(killedAt / steadySeconds).toFixed(0)} /s`);
      console.log(
        `  lost: ${lost}; sent twice: ${resent} (claimed by the killed process and not yet recorded: ${claimedWhenKilled}); attempts recorded: ${attempts}`,
      );
      if (lost !== 0) throw new Error(`${lost} notices never reached the gateway`);
      if (resent > claimedWhenKilled)
        throw new Error(`${resent} resends, more than the ${claimedWhenKilled} in flight`);
      return [];
    });
  },
};
