import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Ctx } from '../../core/ctx.ts';
import { execAsOwner, onPostgres } from '../../test/database.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { createActivity, createOrganizer, type Organizer } from '../activities/activities.testkit.ts';
import { bulkVolunteers } from '../activities/bulk.testkit.ts';
import { confirmRecord } from './confirmation.ts';
import { consumeRecordEvents, consumerPosition, type RecordEvent } from './record-events.ts';

/**
 * The record_events outbox: every writer appends the right events in its own transaction, the deltas
 * reconcile with the totals, the table is append-only, and consumers apply each event exactly once, also
 * across a crash (PostgreSQL: a consumer process killed half-way and restarted).
 */

let t: TestApp;
let org: Organizer;
let decider: { id: string; cookie: string };
let activityId: string;
const DAY = '2026-10-01';

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  const second = await createUser(t, `events.decider.${process.pid}`, {
    role: 'org_admin',
    orgId: org.orgId,
  });
  decider = { id: second.id, cookie: await signIn(t, second) };
  activityId = (await createActivity(t, org)).activityId;
});
after(() => t?.close());

const ctxOf = (db = t.handle.db): Ctx => ({
  db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});

const people = async (n: number) => bulkVolunteers(t.handle.db, n, t.clock.now());

type Kind = 'attendance' | 'backfill' | 'import';
/** Records written directly: drafts of the activity, or pending entries entered by the organizer. */
async function records(
  rows: { volunteerId: string; minutes: number; kind?: Kind; day?: string }[],
  jobId?: string,
) {
  const out = await t.handle.db
    .insertInto('service_records')
    .values(
      rows.map((r, i) => {
        const kind = r.kind ?? 'backfill';
        return {
          kind,
          volunteer_id: r.volunteerId,
          org_id: org.orgId,
          activity_id: kind === 'attendance' ? activityId : null,
          service_date: r.day ?? DAY,
          activity_title: `事件测试 ${kind} ${i} ${Math.random()}`,
          place: '南山',
          content: '值守',
          person_in_charge: '李',
          minutes: r.minutes,
          reason: kind === 'attendance' ? null : '台账补录',
          status: kind === 'attendance' ? ('draft' as const) : ('pending' as const),
          created_by: kind === 'attendance' ? null : org.userId,
          import_job_id: jobId ?? null,
        };
      }),
    )
    .returning('id')
    .execute();
  return out.map((r) => r.id);
}

async function eventsOf(recordIds: string[]) {
  const r = await sql<{
    id: number;
    tx_id: string;
    kind: string;
    record_id: string;
    related_record_id: string | null;
    volunteer_id: string;
    org_id: string;
    region_code: string;
    activity_id: string | null;
    day: string;
    minutes_delta: number;
    resulting_minutes: number;
    actor_id: string | null;
  }>`SELECT id, tx_id::text AS tx_id, kind, record_id, related_record_id, volunteer_id, org_id, region_code,
      activity_id, to_char(service_date, 'YYYY-MM-DD') AS day, minutes_delta, resulting_minutes, actor_id
    FROM record_events WHERE record_id = ANY(${recordIds}::uuid[]) ORDER BY id`.execute(t.handle.db);
  return r.rows.map((e) => ({ ...e, id: Number(e.id) }));
}

const decide = (id: string, decision: 'approve' | 'reject', reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/records/${id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision, ...(reason ? { reason } : {}) },
  });

async function importJob() {
  const job = await t.handle.db
    .insertInto('import_jobs')
    .values({
      kind: 'records',
      org_id: org.orgId,
      file_sha256: 'x',
      status: 'done',
      created_by: org.userId,
      reason: '台账补录',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return job.id;
}

describe('each writer appends its events in the same transaction', () => {
  it('bulk confirmation: one confirmed event per record, adjusted minutes as confirmed; skipped rows none', async () => {
    const [a, b] = await people(2);
    const [r1, r2, r3] = await records([
      { volunteerId: a!.volunteerId, minutes: 180, kind: 'attendance' },
      { volunteerId: b!.volunteerId, minutes: 200, kind: 'attendance' },
      { volunteerId: b!.volunteerId, minutes: 1300, kind: 'attendance' },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/activities/${activityId}/records/confirm`,
      headers: { cookie: org.cookie },
      payload: { items: [{ id: r1, minutes: 120, adjustReason: '中途离开一小时' }, { id: r2 }, { id: r3 }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().skipped, [{ id: r3, code: 'RECORD_DAY_OVER_24H' }]);
    const ev = await eventsOf([r1!, r2!, r3!]);
    assert.deepEqual(
      ev.map((e) => [e.record_id, e.kind, e.minutes_delta, e.resulting_minutes]),
      [
        [r1, 'confirmed', 120, 120],
        [r2, 'confirmed', 200, 200],
      ],
    );
    for (const e of ev) {
      assert.equal(e.org_id, org.orgId);
      assert.equal(e.region_code, '440305000000');
      assert.equal(e.activity_id, activityId);
      assert.equal(e.day, DAY);
      assert.equal(e.actor_id, org.userId);
    }
    // One transaction per record in a bulk confirmation.
    assert.notEqual(ev[0]!.tx_id, ev[1]!.tx_id);
  });

  it('back-fill: approval appends confirmed, rejection appends rejected with no minutes', async () => {
    const [a] = await people(1);
    const [ok, no] = await records([
      { volunteerId: a!.volunteerId, minutes: 240 },
      { volunteerId: a!.volunteerId, minutes: 60, day: '2026-10-02' },
    ]);
    assert.equal((await decide(ok!, 'approve')).statusCode, 200);
    assert.equal((await decide(no!, 'reject', '无佐证材料')).statusCode, 200);
    // Deciding again changes nothing and appends nothing.
    assert.equal((await decide(no!, 'approve')).statusCode, 409);
    const ev = await eventsOf([ok!, no!]);
    assert.deepEqual(
      ev.map((e) => [e.record_id, e.kind, e.minutes_delta, e.resulting_minutes, e.actor_id]),
      [
        [ok, 'confirmed', 240, 240, decider.id],
        [no, 'rejected', 0, 0, decider.id],
      ],
    );
  });

  it('a correction downwards: the original superseded (minus its minutes), the correction counted, net negative', async () => {
    const [a] = await people(1);
    const [orig] = await records([{ volunteerId: a!.volunteerId, minutes: 300 }]);
    assert.equal((await decide(orig!, 'approve')).statusCode, 200);
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/me/records/${orig}/correction`,
      headers: { cookie: a!.cookie },
      payload: { minutes: 200, reason: '实际只服务了三小时二十分' },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    const corr = asked.json().id as string;
    const approved = await decide(corr, 'approve');
    assert.equal(approved.statusCode, 200, approved.body);
    const ev = await eventsOf([orig!, corr]);
    assert.deepEqual(
      ev.map((e) => [e.record_id, e.kind, e.minutes_delta, e.resulting_minutes, e.related_record_id]),
      [
        [orig, 'confirmed', 300, 300, null],
        [orig, 'superseded', -300, 0, corr],
        [corr, 'corrected', 200, 200, orig],
      ],
    );
    // Superseded and corrected in the one transaction of the approval: the reader sees both or neither.
    assert.equal(ev[1]!.tx_id, ev[2]!.tx_id);
    assert.equal(ev[1]!.minutes_delta + ev[2]!.minutes_delta, -100);
    const totals = await t.handle.db
      .selectFrom('volunteer_totals')
      .select('minutes')
      .where('volunteer_id', '=', a!.volunteerId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(totals.minutes), 200);
  });

  it('an hours batch: confirmed events set-based in one transaction; over-24h rows stay pending, no event', async () => {
    const [a, b] = await people(2);
    // b already has 20 hours confirmed that day: b's 5-hour row stays pending.
    const [prior] = await records([{ volunteerId: b!.volunteerId, minutes: 1200 }]);
    assert.equal((await decide(prior!, 'approve')).statusCode, 200);
    const job = await importJob();
    const ids = await records(
      [
        { volunteerId: a!.volunteerId, minutes: 90, kind: 'import' },
        { volunteerId: a!.volunteerId, minutes: 30, kind: 'import', day: '2026-10-03' },
        { volunteerId: b!.volunteerId, minutes: 300, kind: 'import' },
      ],
      job,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job}/decision`,
      headers: { cookie: decider.cookie },
      payload: { decision: 'approve' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { confirmed: 2, rejected: 0, leftPending: 1 });
    const ev = await eventsOf(ids);
    assert.deepEqual(
      ev.map((e) => [e.record_id, e.kind, e.minutes_delta]),
      [
        [ids[0], 'confirmed', 90],
        [ids[1], 'confirmed', 30],
      ],
    );
    assert.equal(new Set(ev.map((e) => e.tx_id)).size, 1);
    assert.ok(ev.every((e) => e.actor_id === decider.id && e.activity_id === null));

    const job2 = await importJob();
    const rej = await records(
      [
        { volunteerId: a!.volunteerId, minutes: 45, kind: 'import', day: '2026-10-04' },
        { volunteerId: b!.volunteerId, minutes: 45, kind: 'import', day: '2026-10-04' },
      ],
      job2,
    );
    const r2 = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${job2}/decision`,
      headers: { cookie: decider.cookie },
      payload: { decision: 'reject', reason: '表格日期有误' },
    });
    assert.equal(r2.statusCode, 200, r2.body);
    const ev2 = await eventsOf(rej);
    assert.deepEqual(
      ev2.map((e) => [e.kind, e.minutes_delta, e.resulting_minutes]),
      [
        ['rejected', 0, 0],
        ['rejected', 0, 0],
      ],
    );
  });

  it('a confirmation that fails leaves no event (same transaction)', async () => {
    const [a] = await people(1);
    const [r] = await records([{ volunteerId: a!.volunteerId, minutes: 60 }]);
    const ctx = { ...ctxOf(), actor: { userId: decider.id } as never };
    const row = await rec(r!);
    await assert.rejects(
      t.handle.db.transaction().execute(async (trx) => {
        await confirmRecord({ ...ctx, db: trx }, row, 60);
        throw new Error('the caller fails after the confirmation');
      }),
      /the caller fails/,
    );
    assert.deepEqual(await eventsOf([r!]), []);
    const status = await t.handle.db
      .selectFrom('service_records')
      .select('status')
      .where('id', '=', r!)
      .executeTakeFirstOrThrow();
    assert.equal(status.status, 'pending');
  });
});

async function rec(id: string) {
  const r = await t.handle.db
    .selectFrom('service_records')
    .select(['id', 'volunteer_id', 'activity_id', sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('d')])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { id: r.id, volunteer_id: r.volunteer_id, activity_id: r.activity_id, service_day: r.d };
}

describe('the ledger', () => {
  it('reconciles with the totals: per volunteer (and year) the deltas sum to the confirmed minutes', async () => {
    const r = await sql<{ volunteer_id: string; total: number; events: number }>`
      SELECT t.volunteer_id, t.minutes AS total, coalesce(e.m, 0) AS events FROM volunteer_totals t
      LEFT JOIN (SELECT volunteer_id, sum(minutes_delta) AS m FROM record_events GROUP BY 1) e USING (volunteer_id)`.execute(
      t.handle.db,
    );
    assert.ok(r.rows.length >= 6);
    for (const x of r.rows) assert.equal(Number(x.events), Number(x.total), x.volunteer_id);
    const y = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM volunteer_year_totals y
      WHERE y.minutes <> coalesce((SELECT sum(minutes_delta) FROM record_events e WHERE e.volunteer_id = y.volunteer_id
        AND extract(year FROM e.service_date) = y.year), 0)`.execute(t.handle.db);
    assert.equal(y.rows[0]!.n, 0);
    // Per record: what its events add up to is what it counts now.
    const per = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM service_records r
      LEFT JOIN (SELECT record_id, sum(minutes_delta) AS m FROM record_events GROUP BY 1) e ON e.record_id = r.id
      WHERE coalesce(e.m, 0) <> CASE WHEN r.status = 'confirmed' THEN r.minutes ELSE 0 END`.execute(
      t.handle.db,
    );
    assert.equal(per.rows[0]!.n, 0);
  });

  it('the history the migration appended for older records is what the writers append', async () => {
    // The migration's SELECT of the history, run on today's records, gives the events written live.
    const file = new URL('../../db/migrations/202612061225_records_events.sql', import.meta.url);
    const text = readFileSync(fileURLToPath(file), 'utf8');
    const select = text.slice(text.indexOf('SELECT e.kind'), text.indexOf('ORDER BY e.at, e.seq, e.step;'));
    assert.ok(select.length > 100);
    const key = (r: Record<string, unknown>) =>
      [
        r.kind,
        r.record_id,
        r.related_record_id,
        r.minutes_delta,
        r.resulting_minutes,
        r.actor_id,
        r.region_code,
      ]
        .map(String)
        .join('|');
    const history = (await sql.raw<Record<string, unknown>>(select).execute(t.handle.db)).rows
      .map(key)
      .sort();
    const live = (await sql<Record<string, unknown>>`SELECT * FROM record_events`.execute(t.handle.db)).rows
      .map(key)
      .sort();
    assert.ok(live.length >= 10);
    assert.deepEqual(history, live);
  });

  it('is append-only: updates and deletes are refused', async () => {
    await assert.rejects(
      sql`UPDATE record_events SET minutes_delta = minutes_delta + 60`.execute(t.handle.db),
      /append-only|permission denied/,
    );
    await assert.rejects(
      sql`DELETE FROM record_events`.execute(t.handle.db),
      /append-only|permission denied/,
    );
    // Even the owner cannot rewrite it (the trigger).
    await assert.rejects(execAsOwner(t.handle, `DELETE FROM record_events`), /append-only/);
  });
});

describe('consumers', () => {
  it('apply every event once, in order, in batches; a failing handler moves nothing', async () => {
    const seen: RecordEvent[] = [];
    await assert.rejects(
      consumeRecordEvents(ctxOf(), 'test.failing', async (events) => {
        seen.push(...events);
        throw new Error('handler failed');
      }),
      /handler failed/,
    );
    assert.equal((await consumerPosition(ctxOf(), 'test.failing'))?.applied ?? 0, 0);
    seen.length = 0;
    let batches = 0;
    for (;;) {
      const r = await consumeRecordEvents(
        ctxOf(),
        'test.failing',
        async (events) => void seen.push(...events),
        {
          batch: 4,
        },
      );
      if (r.applied === 0) break;
      assert.ok(r.applied <= 4);
      batches++;
    }
    assert.equal(seen.length, await all());
    assert.equal(new Set(seen.map((e) => e.id)).size, seen.length);
    assert.ok(batches >= Math.ceil(seen.length / 4));
    const last = seen[seen.length - 1]!;
    const pos = await consumerPosition(ctxOf(), 'test.failing');
    assert.deepEqual(pos, { txId: last.txId, id: last.id, applied: seen.length });
    // Nothing new: nothing applied.
    assert.equal((await consumeRecordEvents(ctxOf(), 'test.failing', async () => {})).applied, 0);
    // A new event is applied once, by each consumer separately.
    const [a] = await people(1);
    const [r] = await records([{ volunteerId: a!.volunteerId, minutes: 60 }]);
    assert.equal((await decide(r!, 'approve')).statusCode, 200);
    const next: RecordEvent[] = [];
    await consumeRecordEvents(ctxOf(), 'test.failing', async (events) => void next.push(...events));
    assert.deepEqual(
      next.map((e) => [e.recordId, e.kind, e.minutesDelta, e.resultingMinutes, e.serviceDate]),
      [[r, 'confirmed', 60, 60, DAY]],
    );
    const other = await consumeRecordEvents(ctxOf(), 'test.other', async () => {}, { batch: 1000 });
    assert.equal(other.applied, await all());
  });

  it('write their effects with the transaction: the effects and the position commit together', async () => {
    await execAsOwner(
      t.handle,
      `CREATE TABLE consumer_effects (event_id bigint NOT NULL, minutes integer NOT NULL);
       GRANT SELECT, INSERT ON consumer_effects TO yiqi_app;`,
    );
    const apply = (fail: boolean) =>
      consumeRecordEvents(
        ctxOf(),
        'test.effects',
        async (events, tx) => {
          for (const e of events)
            await sql`INSERT INTO consumer_effects VALUES (${e.id}, ${e.minutesDelta})`.execute(tx.db);
          if (fail) throw new Error('crash after the effects');
        },
        { batch: 5 },
      );
    await assert.rejects(apply(true), /crash/);
    const count = async () =>
      (
        await sql<{
          n: number;
          d: number;
        }>`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM consumer_effects`.execute(
          t.handle.db,
        )
      ).rows[0]!;
    assert.equal((await count()).n, 0);
    while ((await apply(false)).applied > 0);
    const c = await count();
    assert.equal(c.n, await all());
    assert.equal(c.d, c.n);
  });
});

const all = async () =>
  Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM record_events`.execute(t.handle.db)).rows[0]!.n,
  );

const skipPg = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;

describe('order under concurrency (PostgreSQL)', { skip: skipPg }, () => {
  it('an event of a transaction still open is not passed over by a later one that committed first', async () => {
    // Drain so far.
    while ((await consumeRecordEvents(ctxOf(), 'test.order', async () => {}, { batch: 1000 })).applied > 0);
    const [a, b] = await people(2);
    const [ra, rb] = await records([
      { volunteerId: a!.volunteerId, minutes: 60 },
      { volunteerId: b!.volunteerId, minutes: 60 },
    ]);
    const actor = { ...ctxOf(), actor: { userId: decider.id } as never };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inserted = new Promise<void>((r) => (appended = r));
    // The first transaction appends its event (the lower id) and stays open.
    const slow = t.handle.db.transaction().execute(async (trx) => {
      await confirmRecord({ ...actor, db: trx }, await rec(ra!), 60);
      appended();
      await gate;
    });
    await inserted;
    // The second appends a higher id and commits first.
    await t.handle.db
      .transaction()
      .execute(async (trx) => confirmRecord({ ...actor, db: trx }, await rec(rb!), 60));
    const ids = await eventsOf([ra!, rb!]);
    assert.equal(ids.length, 1, 'only the committed event is visible yet');
    const early: RecordEvent[] = [];
    await consumeRecordEvents(ctxOf(), 'test.order', async (e) => void early.push(...e), { batch: 1000 });
    // Reading by id alone would have taken rb's event and moved past ra's lower id for good.
    assert.deepEqual(
      early.map((e) => e.recordId),
      [],
    );
    release();
    await slow;
    const late: RecordEvent[] = [];
    while (
      (await consumeRecordEvents(ctxOf(), 'test.order', async (e) => void late.push(...e), { batch: 1000 }))
        .applied > 0
    );
    assert.deepEqual(
      late.map((e) => e.recordId),
      [ra, rb],
    );
  });

  it('three workers (connections) on one consumer never apply the same events', async () => {
    await execAsOwner(
      t.handle,
      `CREATE TABLE consumer_twice (event_id bigint NOT NULL, worker integer NOT NULL);
       GRANT SELECT, INSERT ON consumer_twice TO yiqi_app;`,
    );
    const worker = async (n: number) => {
      for (;;) {
        const r = await consumeRecordEvents(
          ctxOf(),
          'test.twice',
          async (events, tx) => {
            for (const e of events) {
              await sql`INSERT INTO consumer_twice VALUES (${e.id}, ${n})`.execute(tx.db);
              await new Promise((res) => setTimeout(res, 2));
            }
          },
          { batch: 7 },
        );
        if (r.applied === 0) return;
      }
    };
    await Promise.all([worker(1), worker(2), worker(3)]);
    const r = await sql<{ n: number; d: number }>`
      SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM consumer_twice`.execute(t.handle.db);
    assert.deepEqual(r.rows[0], { n: await all(), d: await all() });
  });

  it('a consumer killed half-way and restarted applies every event exactly once', async () => {
    await execAsOwner(
      t.handle,
      `CREATE TABLE consumer_applied (event_id bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp());
       GRANT SELECT, INSERT ON consumer_applied TO yiqi_app;`,
    );
    // Enough events that the child needs several batches.
    const vs = await people(30);
    const ids = await records(
      vs.map((v) => ({ volunteerId: v.volunteerId, minutes: 30, day: '2026-10-05' })),
    );
    for (const id of ids) assert.equal((await decide(id, 'approve')).statusCode, 200);
    const total = await all();
    const url = (t.handle as { url?: string }).url!;
    const child = fileURLToPath(new URL('./record-events.kill-child.ts', import.meta.url));
    const run = (mode: 'slow' | 'drain') =>
      spawn(process.execPath, ['--import', 'tsx', child, url, mode], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });

    const first = run('slow');
    let committed = 0;
    let applying = 0;
    await new Promise<void>((resolve, reject) => {
      first.stdout.setEncoding('utf8');
      first.stdout.on('data', (d: string) => {
        committed += (d.match(/committed/g) ?? []).length;
        applying += (d.match(/applying/g) ?? []).length;
        // Two batches in, with the third half applied: kill it.
        if (committed >= 2) {
          setTimeout(() => {
            first.kill('SIGKILL');
            resolve();
          }, 120);
        }
      });
      first.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`child ended before the kill: ${code}`));
      });
    });
    await new Promise((r) => first.once('exit', r).once('close', r));
    const mid = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM consumer_applied`.execute(t.handle.db))
        .rows[0]!.n,
    );
    assert.ok(mid > 0 && mid < total, `killed half-way: ${mid} of ${total}`);
    // It died inside a batch: effects it had written were rolled back, and the position is where the
    // committed effects end.
    assert.ok(applying > mid, `${applying} written, ${mid} committed`);
    assert.equal((await consumerPosition(ctxOf(), 'test.killed'))?.applied, mid);

    const second = run('drain');
    const code = await new Promise<number | null>((r) => second.on('exit', r));
    assert.equal(code, 0);
    const r = await sql<{ n: number; d: number; missing: number }>`
      SELECT (SELECT count(*)::int FROM consumer_applied) AS n,
             (SELECT count(DISTINCT event_id)::int FROM consumer_applied) AS d,
             (SELECT count(*)::int FROM record_events e
               WHERE NOT EXISTS (SELECT 1 FROM consumer_applied a WHERE a.event_id = e.id)) AS missing`.execute(
      t.handle.db,
    );
    assert.deepEqual(r.rows[0], { n: total, d: total, missing: 0 });
    const last = await sql<{ tx: string; id: number }>`
      SELECT tx_id::text AS tx, id FROM record_events ORDER BY tx_id DESC, id DESC LIMIT 1`.execute(
      t.handle.db,
    );
    const pos = await consumerPosition(ctxOf(), 'test.killed');
    assert.deepEqual(pos, { txId: last.rows[0]!.tx, id: Number(last.rows[0]!.id), applied: total });
  });
});
