import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FUTIAN,
  NANSHAN,
  S1,
  admin,
  futianAdmin,
  overview,
  serveKnownHours,
  setupPopulation,
  streetAdmin,
  t,
  value,
} from './statistics.testkit.ts';

/** Who sees which region's figures, and what a period must be (statistics.testkit.ts's population). */
before(async () => {
  await setupPopulation();
  await serveKnownHours();
});
after(() => t?.close());

describe('statistics scope and periods', () => {
  it('scope: a district admin sees its subtree only, a street admin its street', async () => {
    assert.equal((await overview(futianAdmin, NANSHAN, 3, '2026-01-01', '2026-01-31')).statusCode, 403);
    const fut = (await overview(futianAdmin, FUTIAN, 3, '2026-01-01', '2026-01-31')).json();
    assert.equal(value(fut, 'hours'), 1);
    assert.equal(value(fut, 'registered'), 3);
    assert.ok(!JSON.stringify(fut).includes(S1));
    assert.equal((await overview(streetAdmin, NANSHAN, 3, '2026-01-01', '2026-01-31')).statusCode, 403);
    assert.equal(
      (await overview(streetAdmin, '440300000000', 2, '2026-01-01', '2026-01-31')).statusCode,
      403,
    );
    const s1 = await overview(streetAdmin, S1, 4, '2026-01-01', '2026-01-31');
    assert.equal(s1.statusCode, 200);
    assert.equal(value(s1.json(), 'registered'), 12);
    // The street's code at a higher level is no region: not a way around the scope.
    assert.equal((await overview(streetAdmin, S1, 3, '2026-01-01', '2026-01-31')).statusCode, 404);
    assert.equal((await overview(streetAdmin, S1, 1, '2026-01-01', '2026-01-31')).statusCode, 404);
  });

  it('refuses a period that is not whole months, with a message', async () => {
    for (const [from, to] of [
      ['2026-01-02', '2026-01-31'],
      ['2026-01-01', '2026-01-30'],
      ['2026-03-01', '2026-01-31'],
      ['2020-01-01', '2026-12-31'],
    ]) {
      const res = await overview(admin, NANSHAN, 3, from!, to!);
      assert.equal(res.statusCode, 400, `${from} ${to}`);
      assert.equal(res.json().error.code, 'STATISTICS_PERIOD_INVALID');
    }
    assert.equal((await overview(admin, NANSHAN, 3, '2026-13-01', '2026-13-31')).statusCode, 400);
  });
});
