import type { Text } from '../i18n.ts';

/**
 * The life of a resident's order (派单 loop: 点单 → 审单/制单 → 派单 → 接单 → 服务 → 结项 → 评单) as a pure
 * transition table: a state and an action give the next state or a refusal. The server applies nothing
 * else, so the table is the whole rule set (tested exhaustively in order-states.test.ts).
 *
 * Who holds the order is kept apart from its state: a unit (centre, post or station: a region) always
 * holds it; a team is named too while it is offered to, or served by, that team. Dispatching down a level
 * and escalating up a level move the holder and keep the state.
 */
export const ORDER_STATES = [
  /** 待审: a unit has received it and must review it. */
  'review',
  /** 待派: reviewed and made a work order; the holding unit dispatches it (down, to a team, or to grab). */
  'ready',
  /** 待接: offered to one chosen team, which accepts or declines. */
  'offered',
  /** 抢单中: open for the eligible teams to claim; the first valid claim wins. */
  'open',
  /** 服务中: a team accepted it and serves. */
  'accepted',
  /** 已完成: served, with a report. */
  'completed',
  /** 已拒绝: refused at review, with a reason only the requester sees. */
  'rejected',
  /** 已合并: a duplicate merged into another order. */
  'merged',
  /** 已取消 */
  'cancelled',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_ACTIONS = [
  'reject',
  'merge',
  'make_work_order',
  'dispatch_unit',
  'dispatch_team',
  'open_grab',
  'accept',
  'decline',
  'claim',
  'timeout',
  'redispatch',
  'cancel',
  'complete',
  'escalate',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Every allowed (state, action) → next state; anything else is refused. */
export const TRANSITIONS: Readonly<Record<OrderState, Partial<Record<OrderAction, OrderState>>>> = {
  review: {
    reject: 'rejected',
    merge: 'merged',
    make_work_order: 'ready',
    cancel: 'cancelled',
    // To the level above: it is reviewed there.
    escalate: 'review',
  },
  ready: {
    // The lower unit holds it ready and may dispatch it further down.
    dispatch_unit: 'ready',
    dispatch_team: 'offered',
    open_grab: 'open',
    cancel: 'cancelled',
    escalate: 'ready',
  },
  offered: {
    accept: 'accepted',
    // A decline (with a reason) or the accept timer returns it to the dispatching unit.
    decline: 'ready',
    timeout: 'ready',
    redispatch: 'ready',
    cancel: 'cancelled',
  },
  open: {
    claim: 'accepted',
    // Nobody claimed it in time.
    timeout: 'ready',
    redispatch: 'ready',
    cancel: 'cancelled',
  },
  accepted: {
    complete: 'completed',
    redispatch: 'ready',
    cancel: 'cancelled',
  },
  completed: {},
  rejected: {},
  merged: {},
  cancelled: {},
};

/** The next state, or null when the action is not allowed in this state. */
export function nextState(state: OrderState, action: OrderAction): OrderState | null {
  return TRANSITIONS[state][action] ?? null;
}

/** States in which nothing more happens to the order (a completed one may still be rated). */
export const CLOSED_STATES: readonly OrderState[] = ['completed', 'rejected', 'merged', 'cancelled'];
export const isClosed = (s: OrderState) => CLOSED_STATES.includes(s);

/** What the resident sees: 审核中 → 服务中 → 已完成, or 已拒绝 (and 已取消 / 已合并). */
export type ResidentStatus = 'reviewing' | 'serving' | 'done' | 'refused' | 'cancelled' | 'merged';
export function residentStatus(s: OrderState): ResidentStatus {
  switch (s) {
    case 'review':
    case 'ready':
    case 'offered':
    case 'open':
      return 'reviewing';
    case 'accepted':
      return 'serving';
    case 'completed':
      return 'done';
    case 'rejected':
      return 'refused';
    case 'cancelled':
      return 'cancelled';
    case 'merged':
      return 'merged';
  }
}

export const RESIDENT_STATUS_NAMES: Record<ResidentStatus, Text> = {
  reviewing: { 'zh-CN': '审核中', 'zh-HK': '審核中', en: 'Under review' },
  serving: { 'zh-CN': '服务中', 'zh-HK': '服務中', en: 'Being served' },
  done: { 'zh-CN': '已完成', 'zh-HK': '已完成', en: 'Completed' },
  refused: { 'zh-CN': '已拒绝', 'zh-HK': '已拒絕', en: 'Refused' },
  cancelled: { 'zh-CN': '已取消', 'zh-HK': '已取消', en: 'Cancelled' },
  merged: { 'zh-CN': '已合并', 'zh-HK': '已合併', en: 'Merged' },
};

export const ORDER_STATE_NAMES: Record<OrderState, Text> = {
  review: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'To review' },
  ready: { 'zh-CN': '待派单', 'zh-HK': '待派單', en: 'To dispatch' },
  offered: { 'zh-CN': '待接单', 'zh-HK': '待接單', en: 'Offered' },
  open: { 'zh-CN': '抢单中', 'zh-HK': '搶單中', en: 'Open to claim' },
  accepted: { 'zh-CN': '服务中', 'zh-HK': '服務中', en: 'In service' },
  completed: { 'zh-CN': '已完成', 'zh-HK': '已完成', en: 'Completed' },
  rejected: { 'zh-CN': '已拒绝', 'zh-HK': '已拒絕', en: 'Rejected' },
  merged: { 'zh-CN': '已合并', 'zh-HK': '已合併', en: 'Merged' },
  cancelled: { 'zh-CN': '已取消', 'zh-HK': '已取消', en: 'Cancelled' },
};
