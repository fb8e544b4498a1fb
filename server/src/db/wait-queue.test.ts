import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WaitQueue } from './wait-queue.ts';

test('the oldest waiter still waiting gives the age; finished and failed waits leave the queue', async () => {
  let now = 1_000;
  const q = new WaitQueue(() => now);
  assert.equal(q.oldestMs(), 0);
  const gates: (() => void)[] = [];
  const wait = () => q.around(() => new Promise<void>((resolve) => gates.push(resolve)));
  const first = wait();
  now = 1_040;
  const second = wait();
  const failed = q.around(() => Promise.reject(new Error('no connection')));
  now = 1_100;
  assert.equal(q.oldestMs(), 100);
  await assert.rejects(failed, /no connection/);
  assert.equal(q.count, 2);
  // The oldest leaves first: the age is now the second's.
  gates[0]!();
  await first;
  assert.equal(q.count, 1);
  assert.equal(q.oldestMs(), 60);
  gates[1]!();
  await second;
  assert.equal(q.count, 0);
  assert.equal(q.oldestMs(), 0);
});
