import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { execAsOwner } from '../../test/database.ts';
import { confirmRecord } from './confirmation.ts';
import { consumeRecordEvents, consumerPosition, type RecordEvent } from './record-events.ts';
import {
  activityId,
  all,
  ctxOf,
  DAY,
  decide,
  decider,
  eventsOf,
  importJob,
  org,
  people,
  rec,
  records,
  startEventsApp,
  t,
} from './record-events.testkit.ts';

/**
 * The record_events outbox: every writer appends the right events in its own transaction, the deltas
 * reconcile with the totals, the table is append-only, and consumers apply each event exactly once (under
 * concurrency and across a crash: record-events.pg.test.ts).
 */

before(startEventsApp);
after(() => t?.close());

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
