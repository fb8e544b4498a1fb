import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { withTransaction } from '../../core/tx.ts';
import { execAsOwner } from '../../test/database.ts';
import { ctxOf, decider, eventsOf } from '../records/record-events.testkit.ts';
import type { RecordEvent } from '../records/record-events.ts';
import { bankRecordEvents } from './deposits.ts';
import {
  adminA,
  adminB,
  confirmHours,
  deposits,
  key,
  mine,
  people,
  reconcile,
  schemeId,
  send,
  SHENZHEN,
  startBank,
  t,
} from './timebank.testkit.ts';

/**
 * The time bank through HTTP: deposits from confirmed hours (once, reversed on correction), the cap,
 * the threshold, transfers to family and the pool, bookings held and settled, grants with four eyes,
 * idempotency keys, statements, reversal and reconciliation. Scheme: 10 h threshold, cap 20 points.
 */

before(() => startBank({ spendThresholdMinutes: 600, balanceCap: 20 }));
after(() => t?.close());

const H = 60;
const err = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;
const balanceOf = async (accountId: string) =>
  Number(
    (
      await t.handle.db
        .selectFrom('timebank_accounts')
        .select('balance')
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow()
    ).balance,
  );
const poolId = async () =>
  (
    await t.handle.db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('kind', '=', 'pool')
      .executeTakeFirstOrThrow()
  ).id;

/** A volunteer with `hours` confirmed (one record per 5 h at most, so no day passes 24 h). */
async function withHours(hours: number) {
  const [p] = await people(1);
  const chunks: number[] = [];
  for (let left = hours * H; left > 0; left -= 5 * H) chunks.push(Math.min(5 * H, left));
  await confirmHours(p!.volunteerId, chunks);
  const me = await mine(p!.cookie);
  return { ...p!, account: me.accounts[0]! };
}

describe('deposits from record events', () => {
  it('whole points, the remainder carried; an event delivered twice is banked once', async () => {
    const [p] = await people(1);
    const ids = await confirmHours(p!.volunteerId, [150, 100]);
    let me = await mine(p!.cookie);
    assert.equal(me.accounts.length, 1);
    assert.equal(me.accounts[0]!.balance, 4, '250 minutes → 4 points, 10 minutes carried');
    assert.equal(me.accounts[0]!.confirmedMinutes, 250);
    assert.equal(me.accounts[0]!.canSpend, false);
    await confirmHours(p!.volunteerId, [50]);
    me = await mine(p!.cookie);
    assert.equal(me.accounts[0]!.balance, 5, 'the carried 10 minutes + 50 make the fifth point');

    // Redelivery: the same events handed to the banker again (as after a crash before the position moved).
    const rows = await eventsOf(ids);
    const events: RecordEvent[] = rows.map((e) => ({
      id: e.id,
      txId: e.tx_id,
      kind: e.kind as RecordEvent['kind'],
      recordId: e.record_id,
      relatedRecordId: e.related_record_id,
      recordKind: 'attendance',
      volunteerId: e.volunteer_id,
      orgId: e.org_id,
      regionCode: e.region_code,
      activityId: e.activity_id,
      serviceDate: e.day,
      minutesDelta: Number(e.minutes_delta),
      resultingMinutes: Number(e.resulting_minutes),
      actorId: e.actor_id,
      at: new Date(),
    }));
    assert.equal(events.length, 2);
    await withTransaction(ctxOf(), (tx) => bankRecordEvents(events, tx));
    await deposits();
    assert.equal((await mine(p!.cookie)).accounts[0]!.balance, 5, 'no second deposit');
    assert.ok((await reconcile()).ok);
  });

  it('the cap sends the excess to the donation pool', async () => {
    const before = await balanceOf(await poolId());
    const v = await withHours(25);
    assert.equal(v.account.balance, 20);
    assert.equal(await balanceOf(await poolId()), before + 5);
  });

  it('a correction downwards takes the points back; what the balance cannot cover is owed', async () => {
    const [p] = await people(1);
    const [rid] = await confirmHours(p!.volunteerId, [300]);
    assert.equal((await mine(p!.cookie)).accounts[0]!.balance, 5);
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/me/records/${rid}/correction`,
      headers: { cookie: p!.cookie },
      payload: { minutes: 120, reason: '签退时间记错' },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/records/${asked.json().id}/decision`,
      headers: { cookie: decider.cookie },
      payload: { decision: 'approve' },
    });
    assert.equal(decided.statusCode, 200, decided.body);
    await deposits();
    let me = await mine(p!.cookie);
    assert.equal(me.accounts[0]!.balance, 2, '5 h → 2 h: 3 points taken back');
    assert.equal(me.accounts[0]!.confirmedMinutes, 120);
    const kinds = await t.handle.db
      .selectFrom('timebank_transfers')
      .select(['kind', 'amount'])
      .where((eb) =>
        eb.or([
          eb('debit_account_id', '=', me.accounts[0]!.id),
          eb('credit_account_id', '=', me.accounts[0]!.id),
        ]),
      )
      .orderBy('id')
      .execute();
    assert.deepEqual(
      kinds.map((k) => `${k.kind}:${k.amount}`),
      ['deposit:5', 'deposit_reversal:3'],
      'one net reversal for the superseded + corrected pair',
    );
    me = await mine(p!.cookie);
    assert.equal(me.accounts[0]!.owed, 0);
    assert.ok((await reconcile()).ok);
  });
});

describe('transfers, idempotency keys', () => {
  it('before the threshold only donations; after it, family; keys replay, refuse another body, are required', async () => {
    const low = await withHours(5);
    const pool = await poolId();
    const fam = await t.app.inject({
      method: 'POST',
      url: '/api/me/timebank/family',
      headers: { cookie: low.cookie },
      payload: { schemeId, name: '王阿姨', relation: 'parent' },
    });
    assert.equal(fam.statusCode, 200, fam.body);
    const familyId = fam.json().id;
    const early = await send(low.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: low.account.id,
      to: { kind: 'family', accountId: familyId },
      amount: 1,
    });
    assert.equal(early.statusCode, 409);
    assert.equal(err(early), 'TIMEBANK_THRESHOLD');
    const poolBefore = await balanceOf(pool);
    const k = key();
    const body = { fromAccountId: low.account.id, to: { kind: 'pool' }, amount: 2 };
    const first = await send(low.cookie, 'POST', '/api/me/timebank/transfers', body, k);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().balance, 3);
    const replay = await send(low.cookie, 'POST', '/api/me/timebank/transfers', body, k);
    assert.equal(replay.statusCode, 200);
    assert.deepEqual(replay.json(), first.json(), 'a replay answers the first response');
    const other = await send(low.cookie, 'POST', '/api/me/timebank/transfers', { ...body, amount: 1 }, k);
    assert.equal(other.statusCode, 422);
    assert.equal(err(other), 'IDEMPOTENCY_KEY_REUSED');
    const none = await send(low.cookie, 'POST', '/api/me/timebank/transfers', body, null);
    assert.equal(none.statusCode, 400);
    assert.equal(err(none), 'IDEMPOTENCY_KEY_REQUIRED');
    assert.equal(await balanceOf(low.account.id), 3, 'moved once');
    assert.equal(await balanceOf(pool), poolBefore + 2);

    const rich = await withHours(12);
    const richFam = await t.app.inject({
      method: 'POST',
      url: '/api/me/timebank/family',
      headers: { cookie: rich.cookie },
      payload: { schemeId, name: '李伯', relation: 'grandparent' },
    });
    const toFamily = await send(rich.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: rich.account.id,
      to: { kind: 'family', accountId: richFam.json().id },
      amount: 4,
    });
    assert.equal(toFamily.statusCode, 200, toFamily.body);
    // Someone else's family is not a receiver; overdraft is refused.
    const notMine = await send(rich.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: rich.account.id,
      to: { kind: 'family', accountId: familyId },
      amount: 1,
    });
    assert.equal(err(notMine), 'TIMEBANK_RECEIVER_NOT_ALLOWED');
    const over = await send(rich.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: rich.account.id,
      to: { kind: 'pool' },
      amount: 9,
    });
    assert.equal(over.statusCode, 409);
    assert.equal(err(over), 'TIMEBANK_INSUFFICIENT');
    const stolen = await send(low.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: rich.account.id,
      to: { kind: 'pool' },
      amount: 1,
    });
    assert.equal(stolen.statusCode, 404, 'another volunteer’s account is unknown to me');
    assert.equal((await mine(rich.cookie)).family[0]!.balance, 4);
    assert.ok((await reconcile()).ok);
  });
});

describe('bookings', () => {
  it('points are held on booking, settled never above the hold, released on cancellation', async () => {
    const menu = await t.app.inject({
      method: 'POST',
      url: '/api/timebank/menu',
      headers: { cookie: adminA.cookie },
      payload: { region: SHENZHEN, name: '上门助洁（2小时）', points: 5 },
    });
    assert.equal(menu.statusCode, 200, menu.body);
    const item = menu.json().id;
    const v = await withHours(15);
    const fam = await t.app.inject({
      method: 'POST',
      url: '/api/me/timebank/family',
      headers: { cookie: v.cookie },
      payload: { schemeId, name: '父亲', relation: 'parent' },
    });
    await send(v.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: v.account.id,
      to: { kind: 'family', accountId: fam.json().id },
      amount: 5,
    });
    const listed = await t.app.inject({
      url: `/api/me/timebank/menu?schemeId=${schemeId}`,
      headers: { cookie: v.cookie },
    });
    assert.equal(listed.json().items.length, 1);
    // The parent's account books home care.
    const booked = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: fam.json().id,
      menuItemId: item,
      note: '周三上午',
    });
    assert.equal(booked.statusCode, 200, booked.body);
    const booking = booked.json().booking;
    assert.equal(booking.status, 'held');
    assert.equal(await balanceOf(fam.json().id), 0);
    const over = await send(adminA.cookie, 'POST', '/api/timebank/bookings/settle', {
      region: SHENZHEN,
      bookingId: booking.id,
      points: 6,
    });
    assert.equal(over.statusCode, 422);
    assert.equal(err(over), 'TIMEBANK_SETTLE_OVER_HOLD');
    const settled = await send(adminA.cookie, 'POST', '/api/timebank/bookings/settle', {
      region: SHENZHEN,
      bookingId: booking.id,
      points: 3,
      deliveryRef: 'dispatch:demo-1',
    });
    assert.equal(settled.statusCode, 200, settled.body);
    assert.equal(settled.json().booking.status, 'settled');
    assert.equal(settled.json().booking.deliveryRef, 'dispatch:demo-1');
    assert.equal(await balanceOf(fam.json().id), 2, 'the 2 not used come back');
    const again = await send(adminA.cookie, 'POST', '/api/timebank/bookings/settle', {
      region: SHENZHEN,
      bookingId: booking.id,
      points: 1,
    });
    assert.equal(err(again), 'TIMEBANK_BOOKING_STATE');

    const second = await send(v.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: v.account.id,
      menuItemId: item,
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(await balanceOf(v.account.id), 5, '15 − 5 to the parent − 5 held');
    const cancelled = await send(
      v.cookie,
      'POST',
      `/api/me/timebank/bookings/${second.json().booking.id}/cancel`,
      {},
    );
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(await balanceOf(v.account.id), 10);
    const mineList = await t.app.inject({ url: '/api/me/timebank/bookings', headers: { cookie: v.cookie } });
    assert.deepEqual(
      mineList
        .json()
        .items.map((b: { status: string }) => b.status)
        .sort(),
      ['cancelled', 'settled'],
    );
    assert.ok((await reconcile()).ok);
  });
});

describe('grants, reversal, statements, the database', () => {
  it('a grant needs a second administrator; the elder books with it', async () => {
    const elder = await t.app.inject({
      method: 'POST',
      url: '/api/timebank/elders',
      headers: { cookie: adminA.cookie },
      payload: { region: SHENZHEN, name: '陈婆婆', note: '82岁独居' },
    });
    assert.equal(elder.statusCode, 200, elder.body);
    const pool = await poolId();
    const poolBefore = await balanceOf(pool);
    assert.ok(poolBefore >= 3);
    const proposed = await t.app.inject({
      method: 'POST',
      url: '/api/timebank/grants',
      headers: { cookie: adminA.cookie },
      payload: { region: SHENZHEN, elderAccountId: elder.json().id, amount: 3, reason: '高龄独居，优先资助' },
    });
    assert.equal(proposed.statusCode, 200, proposed.body);
    assert.equal(proposed.json().canDecide, false);
    const own = await send(adminA.cookie, 'POST', '/api/timebank/grants/decision', {
      region: SHENZHEN,
      grantId: proposed.json().id,
      decision: 'approve',
    });
    assert.equal(own.statusCode, 403);
    assert.equal(err(own), 'TIMEBANK_OWN_DECISION');
    const ok = await send(adminB.cookie, 'POST', '/api/timebank/grants/decision', {
      region: SHENZHEN,
      grantId: proposed.json().id,
      decision: 'approve',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    assert.equal(await balanceOf(elder.json().id), 3);
    assert.equal(await balanceOf(pool), poolBefore - 3);
    const listed = await t.app.inject({
      url: `/api/timebank/grants?region=${SHENZHEN}`,
      headers: { cookie: adminB.cookie },
    });
    assert.equal(listed.json().items[0].status, 'approved');
    // Reversal of the grant: a new transfer back, approved by someone other than its proposer.
    const rev = await send(adminB.cookie, 'POST', '/api/timebank/reversals', {
      region: SHENZHEN,
      transferId: ok.json().transferId,
      reason: '资助对象信息有误',
    });
    assert.equal(rev.statusCode, 200, rev.body);
    assert.equal(rev.json().transfer.reversesId, ok.json().transferId);
    const twice = await send(adminB.cookie, 'POST', '/api/timebank/reversals', {
      region: SHENZHEN,
      transferId: ok.json().transferId,
      reason: '再次',
    });
    assert.equal(err(twice), 'TIMEBANK_ALREADY_REVERSED');
    assert.equal(await balanceOf(elder.json().id), 0);
    assert.ok((await reconcile()).ok);
  });

  it('statements derive balances from the entries and export to xlsx', async () => {
    const v = await withHours(11);
    await send(v.cookie, 'POST', '/api/me/timebank/transfers', {
      fromAccountId: v.account.id,
      to: { kind: 'pool' },
      amount: 4,
    });
    const st = await t.app.inject({
      url: `/api/me/timebank/statement?accountId=${v.account.id}`,
      headers: { cookie: v.cookie },
    });
    assert.equal(st.statusCode, 200, st.body);
    const s = st.json();
    assert.equal(s.closing, 7);
    assert.equal(s.derivedBalance, 7);
    assert.equal(s.reconciled, true);
    assert.equal(s.credits, 11);
    assert.equal(s.debits, 4);
    assert.deepEqual(
      s.lines.items.map((l: { kind: string; amount: number; balance: number }) => [
        l.kind,
        l.amount,
        l.balance,
      ]),
      [
        ['deposit', 11, 11],
        ['donation', -4, 7],
      ],
    );
    // Three records banked in one batch: the line names none of them.
    assert.equal(s.lines.items[0].record, null);
    const later = await t.app.inject({
      url: `/api/me/timebank/statement?accountId=${v.account.id}&from=2030-01-01`,
      headers: { cookie: v.cookie },
    });
    assert.equal(later.json().opening, 7);
    assert.equal(later.json().lines.total, 0);
    const admin = await t.app.inject({
      url: `/api/timebank/statement.xlsx?region=${SHENZHEN}&accountId=${v.account.id}`,
      headers: { cookie: adminA.cookie },
    });
    assert.equal(admin.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(admin.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getRow(4).getCell(2).value, 7);
    assert.equal(sheet.getRow(9).getCell(4).value, -4);
    // The volunteer's statement of another's account is not found.
    const other = await withHours(1);
    const foreign = await t.app.inject({
      url: `/api/me/timebank/statement?accountId=${other.account.id}`,
      headers: { cookie: v.cookie },
    });
    assert.equal(foreign.statusCode, 404);
    // One record banked alone: its deposit line names it (title and service day).
    const [single] = await confirmHours(v.volunteerId, [2 * H]);
    const title = await t.handle.db
      .selectFrom('service_records')
      .select(['activity_title', sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('day')])
      .where('id', '=', single!)
      .executeTakeFirstOrThrow();
    const again = await t.app.inject({
      url: `/api/me/timebank/statement?accountId=${v.account.id}`,
      headers: { cookie: v.cookie },
    });
    const last = again.json().lines.items.at(-1);
    assert.deepEqual(
      [last.kind, last.amount, last.record],
      ['deposit', 2, { activityTitle: title.activity_title, serviceDate: title.day }],
    );
  });

  it('entries are append-only and an overdraft is refused by the database itself', async () => {
    const v = await withHours(2);
    // The app role may not update or delete entries (PostgreSQL: no grant), and the trigger refuses it
    // even to the owner.
    await assert.rejects(
      sql`UPDATE timebank_transfers SET amount = amount + 1 WHERE credit_account_id = ${v.account.id}::uuid`.execute(
        t.handle.db,
      ),
      /append-only|permission denied/,
    );
    await assert.rejects(
      sql`DELETE FROM timebank_transfers`.execute(t.handle.db),
      /append-only|permission denied/,
    );
    await assert.rejects(
      execAsOwner(t.handle, `UPDATE timebank_transfers SET amount = amount + 1`),
      /append-only/,
    );
    await assert.rejects(execAsOwner(t.handle, `DELETE FROM timebank_transfers`), /append-only/);
    await assert.rejects(
      t.handle.db
        .insertInto('timebank_transfers')
        .values({
          scheme_id: schemeId,
          debit_account_id: v.account.id,
          credit_account_id: await poolId(),
          amount: 3,
          kind: 'donation',
          at: new Date(),
        })
        .execute(),
      /timebank_no_overdraft/,
    );
    assert.equal(await balanceOf(v.account.id), 2);
    const r = await reconcile();
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.sum, 0);
  });
});
