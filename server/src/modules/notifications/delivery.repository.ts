import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Channel } from '../../db/schema.notifications.ts';

/**
 * Notices and their deliveries in one statement: the inbox rows, and one queued delivery per outside channel
 * each recipient has turned on. In the caller's transaction, so a rolled-back change neither shows nor sends.
 */
export async function insertNoticesAndDeliveries(
  db: Database,
  userIds: string[],
  kind: string,
  json: string,
): Promise<void> {
  await db
    .with('n', (qb) =>
      qb
        .insertInto('notifications')
        .values(userIds.map((user_id) => ({ user_id, kind, data: json })))
        .returning(['id', 'user_id']),
    )
    .insertInto('notification_deliveries')
    .columns(['notification_id', 'user_id', 'channel', 'next_attempt_at'])
    .expression((eb) =>
      eb
        .selectFrom('n')
        .innerJoin('notification_preferences as p', 'p.user_id', 'n.user_id')
        .where('p.enabled', '=', true)
        // Due at once whatever the clock says (a test's clock may be behind the database's now()).
        .select([
          'n.id',
          'n.user_id',
          'p.channel',
          sql<Date>`'1970-01-01T00:00:00Z'::timestamptz`.as('next_attempt_at'),
        ]),
    )
    .execute();
}

export async function preferencesOf(db: Database, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['channel', 'enabled', 'updated_at'])
    .where('user_id', '=', userId)
    .execute();
}

export async function setPreference(
  db: Database,
  userId: string,
  channel: Channel,
  enabled: boolean,
  at: Date,
) {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, channel, enabled, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'channel']).doUpdateSet({ enabled, updated_at: at }))
    .execute();
}

/** The phone on record of the user's volunteer, sealed (SMS goes there and nowhere else). */
export async function sealedPhoneOf(db: Database, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('volunteers')
    .select('phone_enc')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.phone_enc ?? null;
}

export interface ClaimedDelivery {
  id: number;
  channel: Channel;
  attempts: number;
  user_id: string;
  kind: string;
  data: Record<string, unknown>;
  locale: string;
  phone_enc: string | null;
  /** The account's bound address of a WeChat or e-mail delivery's channel (sealed). */
  address_enc: string | null;
}

/**
 * Claims up to `limit` due deliveries: counts the attempt and moves the row's next attempt past the lease in
 * one statement (SKIP LOCKED: processes never claim the same row). A process that dies before recording the
 * outcome leaves the row to be claimed again once the lease passes: a notice is sent at least once.
 */
export async function claimDue(db: Database, now: Date, leaseSeconds: number, limit: number) {
  const res = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT id FROM notification_deliveries
       WHERE status = 'queued' AND next_attempt_at <= ${now}
       ORDER BY next_attempt_at, id
       LIMIT ${limit}
       FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE notification_deliveries d
         SET attempts = d.attempts + 1,
             next_attempt_at = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
        FROM due WHERE d.id = due.id
      RETURNING d.id, d.channel, d.attempts, d.user_id, d.notification_id
    )
    SELECT c.id, c.channel, c.attempts, c.user_id, n.kind, n.data, u.locale, v.phone_enc,
           a.address_enc
      FROM claimed c
      JOIN notifications n ON n.id = c.notification_id
      JOIN users u ON u.id = c.user_id
      LEFT JOIN volunteers v ON v.user_id = c.user_id
      LEFT JOIN notification_addresses a ON a.user_id = c.user_id AND a.channel = c.channel
     ORDER BY c.id`.execute(db);
  return res.rows;
}

export type AttemptOutcome = { id: number; attempt: number; at: Date } & (
  | { status: 'sent' | 'skipped' | 'failed'; error?: string }
  | { status: 'queued'; retryAt: Date; error: string }
);

/**
 * The outcomes of attempts, two statements for any number: appended to the attempts, and each delivery done
 * or queued for its retry. A delivery re-claimed since (its lease passed) has moved on to a later attempt and
 * is left alone by this one's outcome.
 */
export async function recordAttempts(db: Database, outcomes: AttemptOutcome[]) {
  if (outcomes.length === 0) return;
  await db
    .insertInto('notification_attempts')
    .values(
      outcomes.map((o) => ({
        delivery_id: o.id,
        attempt: o.attempt,
        at: o.at,
        ok: o.status === 'sent',
        error: o.error ?? null,
      })),
    )
    .execute();
  const rows = outcomes.map(
    (o) =>
      sql`(${o.id}::bigint, ${o.attempt}::int, ${o.status}::text, ${o.status === 'queued' ? o.retryAt : null}::timestamptz, ${o.at}::timestamptz, ${o.error ?? null}::text)`,
  );
  await sql`
    UPDATE notification_deliveries d
       SET status = v.status,
           next_attempt_at = COALESCE(v.retry_at, d.next_attempt_at),
           done_at = CASE WHEN v.status = 'queued' THEN NULL ELSE v.at END,
           last_error = v.error
      FROM (VALUES ${sql.join(rows)}) AS v (id, attempt, status, retry_at, at, error)
     WHERE d.id = v.id AND d.attempts = v.attempt`.execute(db);
}

/** The caller's deliveries, newest first: what went out on which channel, and how it went. */
export async function deliveriesOf(db: Database, userId: string, limit: number) {
  return db
    .selectFrom('notification_deliveries')
    .select(['id', 'notification_id', 'channel', 'status', 'attempts', 'created_at', 'done_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Delivery counts by status: the operator's view of the queue (metrics, bench). */
export async function deliveryCounts(db: Database) {
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

/**
 * Accepted sign-ups whose shift starts within the window and that have no reminder yet, claimed in one
 * statement: the reminder rows are inserted here, so a sweep that runs twice (or after a restart) never
 * reminds anyone twice. Returns who to remind about what.
 */
export async function claimShiftReminders(db: Database, now: Date, until: Date, limit: number) {
  const res = await sql<{ user_id: string; activity_id: string; title: string; starts_at: Date }>`
    WITH due AS (
      SELECT s.id AS signup_id, v.user_id, a.id AS activity_id, a.title, sh.starts_at
        FROM signups s
        JOIN shifts sh ON sh.id = s.shift_id
        JOIN activities a ON a.id = s.activity_id
        JOIN volunteers v ON v.id = s.volunteer_id
       WHERE s.status = 'accepted' AND sh.starts_at > ${now} AND sh.starts_at <= ${until}
         AND a.status = 'published' AND v.user_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM shift_reminders r WHERE r.signup_id = s.id)
       ORDER BY sh.starts_at
       LIMIT ${limit}
    ), marked AS (
      INSERT INTO shift_reminders (signup_id, sent_at)
      SELECT signup_id, ${now} FROM due
      ON CONFLICT (signup_id) DO NOTHING
      RETURNING signup_id
    )
    SELECT due.user_id, due.activity_id, due.title, due.starts_at
      FROM due JOIN marked USING (signup_id)`.execute(db);
  return res.rows;
}
