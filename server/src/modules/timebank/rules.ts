/**
 * The time bank's rules as pure functions, shared by the services and the model-based test (the model
 * and the code must agree on them, so they live once).
 */

/** Whole points for confirmed minutes; the remainder is carried (never rounded up). */
export function pointsFor(minutes: number, minutesPerPoint: number): number {
  return Math.floor(minutes / minutesPerPoint);
}

/**
 * How a credit of `amount` to an account at `balance` splits at the cap: what the account keeps and
 * what goes to the donation pool. No cap: all of it.
 */
export function splitAtCap(balance: number, amount: number, cap: number | null) {
  if (cap === null) return { kept: amount, excess: 0 };
  const room = Math.max(0, cap - balance);
  const kept = Math.min(amount, room);
  return { kept, excess: amount - kept };
}

export type HolderKind = 'volunteer' | 'team' | 'family' | 'elder';
export type ReceiverKind = 'family' | 'pool';

/**
 * Who may receive a holder's transfer: a volunteer gives to their own registered close family or the
 * pool; a team only donates to the pool; family and elder accounts only spend on services.
 * `ownFamily`: the family account was registered by the volunteer who sends.
 */
export function receiverAllowed(from: HolderKind, to: ReceiverKind, ownFamily: boolean) {
  if (from === 'volunteer') return to === 'pool' || (to === 'family' && ownFamily);
  if (from === 'team') return to === 'pool';
  return false;
}

/** Spending (booking a service, giving to family) waits for the threshold; donating does not. */
export function mustReachThreshold(to: ReceiverKind | 'service') {
  return to !== 'pool';
}
