import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ORDER_ACTIONS,
  ORDER_STATES,
  isClosed,
  nextState,
  residentStatus,
  type OrderAction,
  type OrderState,
} from './order-states.ts';

/**
 * The expected table written out again, independently of TRANSITIONS: every state × every action is
 * checked against it, so a transition added or lost in the product table fails here.
 */
const ALLOWED: Record<string, OrderState> = {
  'review reject': 'rejected',
  'review merge': 'merged',
  'review make_work_order': 'ready',
  'review cancel': 'cancelled',
  'review escalate': 'review',
  'ready dispatch_unit': 'ready',
  'ready dispatch_team': 'offered',
  'ready open_grab': 'open',
  'ready cancel': 'cancelled',
  'ready escalate': 'ready',
  'offered accept': 'accepted',
  'offered decline': 'ready',
  'offered timeout': 'ready',
  'offered redispatch': 'ready',
  'offered cancel': 'cancelled',
  'open claim': 'accepted',
  'open timeout': 'ready',
  'open redispatch': 'ready',
  'open cancel': 'cancelled',
  'accepted complete': 'completed',
  'accepted redispatch': 'ready',
  'accepted cancel': 'cancelled',
};

test('every state × every action gives the expected next state or a refusal', () => {
  let allowed = 0;
  let refused = 0;
  for (const s of ORDER_STATES)
    for (const a of ORDER_ACTIONS) {
      const want = ALLOWED[`${s} ${a}`] ?? null;
      assert.equal(nextState(s, a), want, `${s} × ${a}`);
      if (want) allowed++;
      else refused++;
    }
  assert.equal(allowed, Object.keys(ALLOWED).length);
  assert.equal(allowed + refused, ORDER_STATES.length * ORDER_ACTIONS.length);
});

test('closed states allow nothing, and cancel is possible at any point before completion', () => {
  for (const s of ORDER_STATES) {
    const any = ORDER_ACTIONS.some((a: OrderAction) => nextState(s, a) !== null);
    assert.equal(any, !isClosed(s), s);
    assert.equal(nextState(s, 'cancel') !== null, !isClosed(s), `${s} cancel`);
  }
});

test('the resident sees 审核中 → 服务中 → 已完成 or 已拒绝', () => {
  assert.deepEqual(
    ORDER_STATES.map((s) => residentStatus(s)),
    ['reviewing', 'reviewing', 'reviewing', 'reviewing', 'serving', 'done', 'refused', 'merged', 'cancelled'],
  );
});
