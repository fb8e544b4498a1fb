import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { activityId, org, records } from '../records/record-events.testkit.ts';
import { pointsFor, splitAtCap } from './rules.ts';
import { deposits, key, people, schemeId, send, SHENZHEN, adminA, startBank, t } from './timebank.testkit.ts';

/**
 * Model-based test: random command sequences (deposits from confirmed hours, donations, gifts to family,
 * bookings, settlements, cancellations, replays of a key) run against the API and against an in-memory
 * model of the ledger; after every command every balance must equal the model's, and the ledger must
 * reconcile. Fixed seed, so CI runs the same sequences. A deliberately broken model (an off-by-one: "a
 * payment needs more than the amount", not "at least the amount") must be caught, or the test could not
 * fail.
 */

const SEED = 1414;
const CAP = 20;
let volunteers: { cookie: string; volunteerId: string; own: string; family: string }[] = [];
let item = '';
const PRICE = 3;
let day = 0;

before(async () => {
  await startBank({ spendThresholdMinutes: 60, balanceCap: CAP });
  const menu = await t.app.inject({
    method: 'POST',
    url: '/api/timebank/menu',
    headers: { cookie: adminA.cookie },
    payload: { region: SHENZHEN, name: '助餐', points: PRICE },
  });
  item = menu.json().id;
  for (const p of await people(3)) {
    await confirm(p.volunteerId, 120);
    const me = (await t.app.inject({ url: '/api/me/timebank', headers: { cookie: p.cookie } })).json();
    const fam = await t.app.inject({
      method: 'POST',
      url: '/api/me/timebank/family',
      headers: { cookie: p.cookie },
      payload: { schemeId, name: '家人', relation: 'parent' },
    });
    volunteers.push({
      cookie: p.cookie,
      volunteerId: p.volunteerId,
      own: me.accounts[0].id,
      family: fam.json().id,
    });
  }
});
after(() => t?.close());

async function confirm(volunteerId: string, minutes: number) {
  const d = new Date(Date.UTC(2025, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);
  const [id] = await records([{ volunteerId, minutes, kind: 'attendance', day: d }]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/activities/${activityId}/records/confirm`,
    headers: { cookie: org.cookie },
    payload: { items: [{ id }] },
  });
  assert.equal(res.statusCode, 200, res.body);
  await deposits();
}

// ---- the model ----

interface Model {
  broken: boolean;
  balance: Map<string, number>;
  minutes: number[];
  points: number[];
  pool: number;
  services: number;
  bookings: { id: string; payer: string; held: number; open: boolean }[];
  last: { cookie: string; url: string; body: unknown; key: string; status: number; json: string } | null;
}

const covers = (m: Model, balance: number, amount: number) =>
  m.broken ? balance > amount : balance >= amount;

interface Real {
  pool: string;
  services: string;
}

async function balances() {
  const rows = await t.handle.db
    .selectFrom('timebank_accounts')
    .select(['id', 'balance'])
    .where('scheme_id', '=', schemeId)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

async function agree(m: Model, r: Real) {
  const b = await balances();
  for (const [id, want] of m.balance) assert.equal(b.get(id), want, `balance of ${id}`);
  assert.equal(b.get(r.pool), m.pool, 'pool');
  assert.equal(b.get(r.services), m.services, 'services');
  let sum = 0;
  for (const v of b.values()) sum += v;
  assert.equal(sum, 0, 'the scheme sums to zero');
}

type Cmd = fc.AsyncCommand<Model, Real, false>;

class Deposit implements Cmd {
  constructor(
    readonly v: number,
    readonly minutes: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const vol = volunteers[this.v]!;
    await confirm(vol.volunteerId, this.minutes);
    m.minutes[this.v]! += this.minutes;
    const due = pointsFor(m.minutes[this.v]!, 60);
    const issue = due - m.points[this.v]!;
    m.points[this.v] = due;
    const { kept, excess } = splitAtCap(m.balance.get(vol.own)!, issue, CAP);
    m.balance.set(vol.own, m.balance.get(vol.own)! + kept);
    m.pool += excess;
    await agree(m, r);
  }
  toString = () => `deposit(v${this.v}, ${this.minutes} min)`;
}

class Give implements Cmd {
  constructor(
    readonly v: number,
    readonly to: 'pool' | 'family',
    readonly amount: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const vol = volunteers[this.v]!;
    const body = {
      fromAccountId: vol.own,
      to: this.to === 'pool' ? { kind: 'pool' } : { kind: 'family', accountId: vol.family },
      amount: this.amount,
    };
    const k = key();
    const res = await send(vol.cookie, 'POST', '/api/me/timebank/transfers', body, k);
    const bal = m.balance.get(vol.own)!;
    if (covers(m, bal, this.amount)) {
      assert.equal(res.statusCode, 200, res.body);
      m.balance.set(vol.own, bal - this.amount);
      if (this.to === 'pool') m.pool += this.amount;
      else m.balance.set(vol.family, m.balance.get(vol.family)! + this.amount);
      m.last = {
        cookie: vol.cookie,
        url: '/api/me/timebank/transfers',
        body,
        key: k,
        status: 200,
        json: res.body,
      };
    } else assert.equal(res.statusCode, 409, res.body);
    await agree(m, r);
  }
  toString = () => `give(v${this.v} → ${this.to}, ${this.amount})`;
}

class Book implements Cmd {
  constructor(
    readonly v: number,
    readonly family: boolean,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const vol = volunteers[this.v]!;
    const payer = this.family ? vol.family : vol.own;
    const res = await send(vol.cookie, 'POST', '/api/me/timebank/bookings', {
      accountId: payer,
      menuItemId: item,
    });
    const bal = m.balance.get(payer)!;
    if (covers(m, bal, PRICE)) {
      assert.equal(res.statusCode, 200, res.body);
      m.balance.set(payer, bal - PRICE);
      const b = res.json().booking;
      m.bookings.push({ id: b.id, payer, held: PRICE, open: true });
      // The hold account is the booking's own; the model knows it holds PRICE.
      const hold = await t.handle.db
        .selectFrom('timebank_bookings')
        .select('hold_account_id')
        .where('id', '=', b.id)
        .executeTakeFirstOrThrow();
      m.balance.set(hold.hold_account_id, PRICE);
    } else assert.equal(res.statusCode, 409, res.body);
    await agree(m, r);
  }
  toString = () => `book(v${this.v}${this.family ? ' family' : ''})`;
}

class Close implements Cmd {
  /** points: null cancels; else settles that many. */
  constructor(
    readonly pick: number,
    readonly points: number | null,
  ) {}
  check = (m: Readonly<Model>) => m.bookings.some((b) => b.open);
  async run(m: Model, r: Real) {
    const open = m.bookings.filter((b) => b.open);
    const b = open[this.pick % open.length]!;
    const res =
      this.points === null
        ? await send(adminA.cookie, 'POST', '/api/timebank/bookings/cancel', {
            region: SHENZHEN,
            bookingId: b.id,
          })
        : await send(adminA.cookie, 'POST', '/api/timebank/bookings/settle', {
            region: SHENZHEN,
            bookingId: b.id,
            points: this.points,
          });
    if (this.points !== null && this.points > b.held) {
      assert.equal(res.statusCode, 422, res.body);
      return agree(m, r);
    }
    assert.equal(res.statusCode, 200, res.body);
    const paid = this.points ?? 0;
    const back = b.held - paid;
    const hold = await t.handle.db
      .selectFrom('timebank_bookings')
      .select('hold_account_id')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    m.balance.set(hold.hold_account_id, 0);
    m.services += paid;
    const payerIsOwn = volunteers.some((v) => v.own === b.payer);
    const { kept, excess } = splitAtCap(m.balance.get(b.payer)!, back, payerIsOwn ? CAP : null);
    m.balance.set(b.payer, m.balance.get(b.payer)! + kept);
    m.pool += excess;
    b.open = false;
    await agree(m, r);
  }
  toString = () => `close(#${this.pick}, ${this.points ?? 'cancel'})`;
}

class Replay implements Cmd {
  check = (m: Readonly<Model>) => m.last !== null;
  async run(m: Model, r: Real) {
    const l = m.last!;
    const res = await send(l.cookie, 'POST', l.url, l.body, l.key);
    assert.equal(res.statusCode, l.status);
    assert.equal(res.body, l.json, 'a replay answers the first response');
    await agree(m, r);
  }
  toString = () => 'replay(last)';
}

const commands = fc.commands(
  [
    fc.tuple(fc.nat(2), fc.integer({ min: 20, max: 400 })).map(([v, min]) => new Deposit(v, min)),
    fc
      .tuple(fc.nat(2), fc.constantFrom('pool' as const, 'family' as const), fc.integer({ min: 1, max: 8 }))
      .map(([v, to, a]) => new Give(v, to, a)),
    fc.tuple(fc.nat(2), fc.boolean()).map(([v, f]) => new Book(v, f)),
    fc
      .tuple(fc.nat(10), fc.option(fc.integer({ min: 0, max: PRICE + 1 }), { nil: null }))
      .map(([p, pts]) => new Close(p, pts)),
    fc.constant(new Replay()),
  ],
  { maxCommands: 14 },
);

async function property(broken: boolean, numRuns: number) {
  const [poolRow, servicesRow] = await Promise.all(
    (['pool', 'services'] as const).map((kind) =>
      t.handle.db
        .selectFrom('timebank_accounts')
        .select('id')
        .where('scheme_id', '=', schemeId)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow(),
    ),
  );
  const real: Real = { pool: poolRow!.id, services: servicesRow!.id };
  return fc.check(
    fc.asyncProperty(commands, async (cmds) => {
      const b = await balances();
      const states = await t.handle.db
        .selectFrom('timebank_volunteer_state')
        .select(['volunteer_id', 'minutes', 'points'])
        .execute();
      const tracked = volunteers.flatMap((v) => [v.own, v.family]);
      const model: Model = {
        broken,
        balance: new Map(tracked.map((id) => [id, b.get(id)!])),
        minutes: volunteers.map((v) => states.find((s) => s.volunteer_id === v.volunteerId)!.minutes),
        points: volunteers.map((v) => states.find((s) => s.volunteer_id === v.volunteerId)!.points),
        pool: b.get(real.pool)!,
        services: b.get(real.services)!,
        bookings: [],
        last: null,
      };
      // Holds of earlier runs' open bookings are not in this run's model; every balance it knows is checked.
      await fc.asyncModelRun(() => ({ model, real }), cmds);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
}

describe('time bank model', () => {
  it('command sequences keep the API and the model in agreement (fixed seed)', async () => {
    const out = await property(false, 12);
    assert.equal(out.failed, false, out.failed ? `${out.counterexample}\n${String(out.errorInstance)}` : '');
    assert.equal(out.numRuns, 12);
  });

  it('a planted off-by-one in the model is caught', async () => {
    const out = await property(true, 12);
    assert.equal(out.failed, true, 'the broken model must disagree with the API');
    assert.match(String(out.errorInstance), /Expected values to be strictly equal|statusCode|409|200/);
  });
});
