import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { jpegWithExif } from '../../lib/photos.testkit.ts';
import {
  NANSHAN,
  addItem,
  call,
  orderBody,
  placeOrder,
  workOrder,
  world,
  type Actor,
  type World,
} from './dispatch.testkit.ts';

/**
 * Photos on orders and completion reports (type from the bytes, size limit, metadata stripped, seen only by
 * the units holding the order and the serving team), the resident's notices and the holder's reminders,
 * and the close of a follow-up after an unhappy rating.
 */
let t: TestApp;
let w: World;
const SECRET = 'GPS 22.5431N 113.9305E Owner Zhang';
const photo = (buf: Buffer = jpegWithExif(SECRET)) => ({ data: buf.toString('base64') });

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  w = await world(t);
});
after(() => t.close());

const count = async (table: 'dispatch_orders' | 'dispatch_photos') =>
  Number(
    (
      await t.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const notices = async (who: Actor) =>
  (await call(t, who, 'GET', '/api/me/notifications')).json().items as { kind: string; body: string }[];
const runJobs = async () => {
  while ((await t.app.jobs.tick()) > 0);
};

/** An order of street A's item, made a work order and dispatched to team A. */
async function dispatched(over = {}, itemOver = {}) {
  const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId], itemOver);
  const res = await call(
    t,
    w.resident,
    'POST',
    '/api/dispatch/orders',
    orderBody(t, item, w.communityA, over),
  );
  assert.equal(res.statusCode, 200, res.body);
  const id = res.json().id as string;
  await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t));
  const d = await call(t, w.postA, 'POST', `/api/dispatch/orders/${id}/dispatch`, {
    to: 'team',
    orgId: w.teamA.orgId,
  });
  assert.equal(d.statusCode, 200, d.body);
  return id;
}

describe('photos', () => {
  it('an order’s photo is stored without its metadata and shown to the holding post and the serving team only', async () => {
    const id = await dispatched({ photos: [photo()] });
    const view = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json();
    assert.equal(view.photos.length, 1);
    assert.equal(view.photos[0].kind, 'order');
    const url = (base: string) => `/api/dispatch/${base}/${id}/photos/${view.photos[0].id}`;
    const got = await call(t, w.postA, 'GET', url('orders'));
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'image/jpeg');
    assert.ok(!got.rawPayload.toString('latin1').includes('GPS'));
    assert.ok(got.rawPayload.length > 0);
    assert.equal((await call(t, w.teamA, 'GET', url('team-orders'))).statusCode, 200);
    // Another street's post, another team, the district above (in scope: 200), the resident (no route).
    assert.equal((await call(t, w.postB, 'GET', url('orders'))).statusCode, 404);
    assert.equal((await call(t, w.teamB, 'GET', url('team-orders'))).statusCode, 404);
    assert.equal((await call(t, w.district, 'GET', url('orders'))).statusCode, 200);
    assert.equal((await call(t, w.resident, 'GET', url('orders'))).statusCode, 403);
    const stored = await t.handle.db
      .selectFrom('dispatch_photos')
      .select('bytes')
      .where('order_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(!stored.bytes.toString('latin1').includes(SECRET));
    const audits = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'dispatch.photo.view')
      .where('object_id', '=', id)
      .execute();
    assert.equal(audits.length, 3);
  });

  it('refuses a photo of the wrong type, a truncated one, one over 5 MB and a fourth; nothing is stored', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const [orders, photos] = [await count('dispatch_orders'), await count('dispatch_photos')];
    const big = Buffer.alloc(5 * 1024 * 1024 + 10);
    jpegWithExif().copy(big);
    const cases: [unknown[], number, string | null][] = [
      [
        [{ data: Buffer.from('GIF89a not a photo at all').toString('base64') }],
        400,
        'DISPATCH_PHOTO_INVALID',
      ],
      [[{ data: jpegWithExif().subarray(0, 40).toString('base64') }], 400, 'DISPATCH_PHOTO_INVALID'],
      [[{ data: big.toString('base64') }], 400, null],
      [[photo(), photo(), photo(), photo()], 400, null],
      [[{ data: '***' }], 400, null],
    ];
    for (const [list, status, code] of cases) {
      const res = await call(
        t,
        w.resident,
        'POST',
        '/api/dispatch/orders',
        orderBody(t, item, w.communityA, { photos: list }),
      );
      assert.equal(res.statusCode, status, res.body);
      if (code) assert.equal(res.json().error.code, code);
    }
    assert.equal(await count('dispatch_orders'), orders);
    assert.equal(await count('dispatch_photos'), photos);
  });

  it('a completion report carries photos; a completion without a report is still refused', async () => {
    const id = await dispatched();
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    const none = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      photos: [photo()],
    });
    assert.equal(none.json().error.code, 'DISPATCH_REPORT_REQUIRED');
    const bad = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已完成',
      photos: [{ data: Buffer.from('not an image').toString('base64') }],
    });
    assert.equal(bad.json().error.code, 'DISPATCH_PHOTO_INVALID');
    assert.equal((await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json().state, 'accepted');
    const ok = await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, {
      report: '已上门陪伴，代购了米和油。',
      photos: [photo()],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(
      ok.json().photos.map((p: { kind: string }) => p.kind),
      ['report'],
    );
  });
});

describe('notices', () => {
  it('the resident hears of acceptance, completion, a rating request (once, if not rated) and a rejection with its reason', async () => {
    const id = await dispatched();
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    assert.equal((await notices(w.resident))[0]!.kind, 'dispatch_order_accepted');
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '已完成' });
    assert.equal((await notices(w.resident))[0]!.kind, 'dispatch_order_completed');
    t.clock.advance(4 * 86_400_000);
    await runJobs();
    const after = await notices(w.resident);
    assert.equal(after[0]!.kind, 'dispatch_rating_requested');
    await runJobs();
    assert.equal((await notices(w.resident)).length, after.length);

    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    const other = await placeOrder(t, w.other, item, w.communityA);
    await call(t, w.postA, 'POST', `/api/dispatch/orders/${other}/reject`, { reason: '不属于服务范围' });
    const rejected = (await notices(w.other))[0]!;
    assert.equal(rejected.kind, 'dispatch_order_rejected');
    assert.ok(rejected.body.includes('不属于服务范围'));
  });

  it('a rated order gets no rating request', async () => {
    const id = await dispatched();
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '已完成' });
    const r = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 5 });
    assert.equal(r.statusCode, 200, r.body);
    const before = (await notices(w.resident)).length;
    t.clock.advance(4 * 86_400_000);
    await runJobs();
    assert.equal((await notices(w.resident)).length, before);
  });

  it('the post holding an overdue order is reminded; the other street’s post is not', async () => {
    const item = await addItem(t, w.postA, w.streetA, [w.teamA.orgId]);
    await placeOrder(t, w.resident, item, w.communityA);
    const [a, b] = [(await notices(w.postA)).length, (await notices(w.postB)).length];
    t.clock.advance(5 * 86_400_000);
    await runJobs();
    const got = await notices(w.postA);
    assert.ok(got.length > a);
    assert.ok(got.some((n) => n.kind === 'dispatch_order_overdue'));
    assert.equal((await notices(w.postB)).length, b);
  });
});

describe('follow-up after an unhappy rating', () => {
  it('a 2 opens a follow-up; the post closes it with a note (once), counted for the district', async () => {
    const id = await dispatched();
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
    await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '已完成' });
    const close = (who: Actor, note: string) =>
      call(t, who, 'POST', `/api/dispatch/orders/${id}/follow-up/close`, { note });
    assert.equal((await close(w.postA, '已回访')).json().error.code, 'DISPATCH_FOLLOW_UP_NOT_OPEN');
    await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, {
      score: 2,
      comment: '来晚了',
    });
    assert.equal((await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json().followUp, 'open');
    assert.equal((await close(w.postA, '  ')).json().error.code, 'DISPATCH_NOTE_REQUIRED');
    assert.equal((await close(w.postB, '已回访')).statusCode, 404);
    const ok = await close(w.postA, '已电话回访，老人表示理解；已提醒团队准时。');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().followUp, 'closed');
    assert.equal(ok.json().followUpNote, '已电话回访，老人表示理解；已提醒团队准时。');
    assert.equal((await close(w.postA, '再次')).statusCode, 409);
    const from = new Date(t.clock.now().getTime() - 365 * 86_400_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const c = (
      await call(t, w.district, 'GET', `/api/dispatch/counts?region=${NANSHAN}&from=${from}&to=${to}`)
    ).json();
    assert.equal(c.followUps, 1);
    assert.equal(c.followUpsClosed, 1);
    const d = (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json();
    assert.ok(d.timeline.some((h: { action: string }) => h.action === 'follow_up_closed'));
  });

  it('a follow-up still open after its item’s follow-up days is flagged overdue and its post reminded; a closed one is not', async () => {
    const unhappy = async (itemOver = {}) => {
      const id = await dispatched({}, itemOver);
      await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/accept`);
      await call(t, w.teamA, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '已完成' });
      const r = await call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score: 1 });
      assert.equal(r.statusCode, 200, r.body);
      return id;
    };
    const view = async (id: string) => (await call(t, w.postA, 'GET', `/api/dispatch/orders/${id}`)).json();
    const late = await unhappy();
    const closed = await unhappy();
    // An item that gives its unit ten working days: not late yet.
    const patient = await unhappy({ followUpDays: 10 });
    const ok = await call(t, w.postA, 'POST', `/api/dispatch/orders/${closed}/follow-up/close`, {
      note: '已上门回访',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    t.clock.advance(5 * 86_400_000);
    await runJobs();
    const l = await view(late);
    assert.equal(l.overdue, true);
    assert.equal(l.timeline.at(-1).action, 'remind');
    const c = await view(closed);
    assert.equal(c.overdue, false);
    assert.ok(!c.timeline.some((h: { action: string }) => h.action === 'remind'));
    const p = await view(patient);
    assert.equal(p.overdue, false);
    assert.equal(p.followUp, 'open');
    const reminded = (await notices(w.postA)).filter((n) => n.kind === 'dispatch_order_overdue');
    assert.ok(reminded.some((n) => n.body.includes(`“${l.item.title}”`)));
    assert.ok(!reminded.some((n) => n.body.includes(`“${c.item.title}”`)));
    // Run again: nothing twice.
    await runJobs();
    assert.equal((await view(late)).timeline.length, l.timeline.length);
  });
});
