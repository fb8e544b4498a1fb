import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { withTransaction } from '../../core/tx.ts';
import { ctxOf, org } from '../records/record-events.testkit.ts';
import { expirePoints } from './expiry.ts';
import { move } from './ledger.ts';
import {
  adminA,
  confirmHours,
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
 * The time bank's remaining rules through HTTP: a team account only donates (the database refuses
 * anything else too), a refused request's key replays its refusal, and points expiry per scheme (none by
 * default; once, whatever the number of runs). Scheme: no threshold, no cap. Bookings delivered as
 * dispatch orders: timebank.delivery.test.ts.
 */

before(() => startBank({ spendThresholdMinutes: 0, balanceCap: null }));
after(() => t?.close());

const DAY = 86_400_000;
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
const systemAccount = async (kind: 'pool' | 'issuance' | 'services') =>
  (
    await t.handle.db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('scheme_id', '=', schemeId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow()
  ).id;
const transfersOf = (accountId: string, kind: string) =>
  t.handle.db
    .selectFrom('timebank_transfers')
    .selectAll()
    .where('debit_account_id', '=', accountId)
    .where('kind', '=', kind as 'expiry')
    .execute();

/** A volunteer with these minutes confirmed, and a verified phone (so they may place dispatch orders). */
async function volunteer(minutes: number[]) {
  const [p] = await people(1);
  await t.handle.db
    .updateTable('users')
    .set({ phone_bidx: randomBytes(32) })
    .where('id', '=', p!.userId)
    .execute();
  await confirmHours(p!.volunteerId, minutes);
  const me = await mine(p!.cookie);
  return { ...p!, account: me.accounts[0]! };
}

describe('team accounts only donate', () => {
  it('a transfer out of a team account to anything but the pool is refused, by the service and the database', async () => {
    const team = (
      await t.handle.db
        .insertInto('timebank_accounts')
        .values({ scheme_id: schemeId, kind: 'team', org_id: org.orgId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await t.handle.db
      .insertInto('timebank_transfers')
      .values({
        scheme_id: schemeId,
        debit_account_id: await systemAccount('issuance'),
        credit_account_id: team,
        amount: 10,
        kind: 'deposit',
        at: t.clock.now(),
      })
      .execute();
    const v = await volunteer([120]);
    const fam = await t.app.inject({
      method: 'POST',
      url: '/api/me/timebank/family',
      headers: { cookie: v.cookie },
      payload: { schemeId, name: '陈阿婆', relation: 'grandparent' },
    });
    assert.equal(fam.statusCode, 200, fam.body);
    const pool = await systemAccount('pool');
    const poolBefore = await balanceOf(pool);

    const toFamily = await send(org.cookie, 'POST', '/api/timebank/team-transfers', {
      orgId: org.orgId,
      schemeId,
      to: { kind: 'family', accountId: fam.json().id },
      amount: 3,
    });
    assert.equal(toFamily.statusCode, 422, toFamily.body);
    assert.equal(err(toFamily), 'TIMEBANK_TEAM_DONATE_ONLY');
    assert.match(toFamily.json().error.message, /团队账户/);
    assert.equal(await balanceOf(team), 10, 'nothing moved');

    const donated = await send(org.cookie, 'POST', '/api/timebank/team-transfers', {
      orgId: org.orgId,
      schemeId,
      to: { kind: 'pool' },
      amount: 4,
    });
    assert.equal(donated.statusCode, 200, donated.body);
    assert.equal(donated.json().balance, 6);
    assert.equal(donated.json().transfer.kind, 'donation');
    assert.equal(await balanceOf(pool), poolBefore + 4);

    // Another organization's administrator cannot give this team's points.
    const stranger = await send(adminA.cookie, 'POST', '/api/timebank/team-transfers', {
      orgId: org.orgId,
      schemeId,
      to: { kind: 'pool' },
      amount: 1,
    });
    assert.ok([403, 404].includes(stranger.statusCode), stranger.body);

    // The database refuses it whatever the code asks: through the ledger (a clear 4xx code) and raw.
    for (const [credit, kind] of [
      [fam.json().id, 'family'],
      [v.account.id, 'donation'],
      [await systemAccount('services'), 'settle'],
    ] as const) {
      await assert.rejects(
        withTransaction(ctxOf(), (tx) => move(tx, { schemeId, debit: team, credit, amount: 1, kind })),
        (e: { code?: string }) => e.code === 'TIMEBANK_TEAM_DONATE_ONLY',
      );
    }
    await assert.rejects(
      t.handle.db
        .insertInto('timebank_transfers')
        .values({
          scheme_id: schemeId,
          debit_account_id: team,
          credit_account_id: v.account.id,
          amount: 1,
          kind: 'family',
          at: t.clock.now(),
        })
        .execute(),
      /only donates/,
    );
    assert.equal(await balanceOf(team), 6);
    assert.ok((await reconcile()).ok);
  });
});

describe('idempotency keys', () => {
  it('a replay answers the first response, a refusal included; another body 422; no key 400', async () => {
    const v = await volunteer([120]);
    const url = '/api/me/timebank/transfers';
    const body = { fromAccountId: v.account.id, to: { kind: 'pool' }, amount: 5 };
    const k = key();
    const refused = await send(v.cookie, 'POST', url, body, k);
    assert.equal(refused.statusCode, 409);
    assert.equal(err(refused), 'TIMEBANK_INSUFFICIENT');
    // Now the account could pay: the replay still answers the first refusal, and nothing moves.
    await confirmHours(v.volunteerId, [300]);
    assert.equal(await balanceOf(v.account.id), 7);
    const replay = await send(v.cookie, 'POST', url, body, k);
    assert.equal(replay.statusCode, 409);
    assert.deepEqual(replay.json(), refused.json(), 'the same refusal');
    assert.equal(await balanceOf(v.account.id), 7, 'nothing changed');
    // The same key with another body: 422, whether the first was refused or made.
    const other = await send(v.cookie, 'POST', url, { ...body, amount: 1 }, k);
    assert.equal(other.statusCode, 422);
    assert.equal(err(other), 'IDEMPOTENCY_KEY_REUSED');
    const none = await send(v.cookie, 'POST', url, body, null);
    assert.equal(none.statusCode, 400);
    assert.equal(err(none), 'IDEMPOTENCY_KEY_REQUIRED');
    // A fresh key runs; its replay answers the same success once.
    const k2 = key();
    const made = await send(v.cookie, 'POST', url, body, k2);
    assert.equal(made.statusCode, 200, made.body);
    const again = await send(v.cookie, 'POST', url, body, k2);
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), made.json());
    const reused = await send(v.cookie, 'POST', url, { ...body, amount: 2 }, k2);
    assert.equal(reused.statusCode, 422);
    assert.equal(await balanceOf(v.account.id), 2, 'moved once');
    // A key is the user's: another volunteer's same key is their own first request.
    const w = await volunteer([60]);
    const theirs = await send(w.cookie, 'POST', url, { ...body, fromAccountId: w.account.id, amount: 1 }, k);
    assert.equal(theirs.statusCode, 200, theirs.body);
    // A refused booking replays its refusal too.
    const kb = key();
    const noItem = { accountId: v.account.id, menuItemId: '00000000-0000-4000-8000-000000000000' };
    const b1 = await send(v.cookie, 'POST', '/api/me/timebank/bookings', noItem, kb);
    const b2 = await send(v.cookie, 'POST', '/api/me/timebank/bookings', noItem, kb);
    assert.equal(b1.statusCode, 404);
    assert.deepEqual([b2.statusCode, b2.json()], [404, b1.json()]);
    assert.ok((await reconcile()).ok);
  });
});

describe('points expiry', () => {
  it('none by default; past the scheme’s expiry the old points leave as one transfer with a reason, once', async () => {
    const old = await volunteer([180]);
    t.clock.advance(60 * DAY); // (within the test sessions' idle limit)
    assert.equal(await expirePoints(ctxOf()), 0, 'no expiry by default');
    assert.equal(await balanceOf(old.account.id), 3);

    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/timebank/schemes',
      headers: { cookie: adminA.cookie },
      payload: {
        region: SHENZHEN,
        name: '深圳市公益时间银行',
        spendThresholdMinutes: 0,
        balanceCap: null,
        expiryDays: 30,
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    const v = await volunteer([180]); // 3 points now
    t.clock.advance(20 * DAY);
    await confirmHours(v.volunteerId, [120]); // 2 points 20 days later
    assert.equal(await balanceOf(v.account.id), 5);
    await expirePoints(ctxOf());
    assert.equal(await balanceOf(v.account.id), 5, 'nothing is older than 30 days yet');
    assert.equal(await balanceOf(old.account.id), 0, 'points older than 30 days expired (60 days old)');

    t.clock.advance(15 * DAY); // the first 3 points are 35 days old, the 2 are 15
    await Promise.all([expirePoints(ctxOf()), expirePoints(ctxOf())]);
    await expirePoints(ctxOf());
    // and the recurring job, after a "restart" (a later period), finds nothing more.
    t.clock.advance(3_600_000);
    await t.app.jobs.tick();
    assert.equal(await balanceOf(v.account.id), 2);
    const expired = await transfersOf(v.account.id, 'expiry');
    assert.equal(expired.length, 1, 'one expiry transfer');
    assert.equal(expired[0]!.amount, 3);
    assert.equal(expired[0]!.credit_account_id, await systemAccount('issuance'));
    assert.match(expired[0]!.reason ?? '', /30 天/);

    // Spent points do not expire later: spend 1 (oldest first), then the 2's window passes. (The bulk
    // volunteers' sessions have long expired by now: the ledger moves it, the administrator reads.)
    const pool = await systemAccount('pool');
    await withTransaction(ctxOf(), (tx) =>
      move(tx, { schemeId, debit: v.account.id, credit: pool, amount: 1, kind: 'donation' }),
    );
    t.clock.advance(20 * DAY);
    await expirePoints(ctxOf());
    await expirePoints(ctxOf());
    assert.equal(await balanceOf(v.account.id), 0);
    assert.deepEqual(
      (await transfersOf(v.account.id, 'expiry')).map((x) => x.amount),
      [3, 1],
      'the remaining point expired once',
    );
    const st = await t.app.inject({
      url: `/api/timebank/statement?region=${SHENZHEN}&accountId=${v.account.id}`,
      headers: { cookie: adminA.cookie },
    });
    assert.equal(st.statusCode, 200, st.body);
    assert.deepEqual(
      st
        .json()
        .lines.items.filter((l: { kind: string }) => l.kind === 'expiry')
        .map((l: { amount: number }) => l.amount),
      [-3, -1],
    );
    assert.ok((await reconcile()).ok);
  });
});
