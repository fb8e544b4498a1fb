/**
 * The life of a funding round (益苗计划) as a pure transition table: draft → open (proposals come in) →
 * reviewing (first review, then scoring) → awarded (awards fixed; projects run, report, are evaluated) →
 * closed. Nothing goes back: a round that opened is what organizations saw and relied on. The server
 * applies nothing else (tested exhaustively in round-states.test.ts).
 */
export const ROUND_STATES = ['draft', 'open', 'reviewing', 'awarded', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

const NEXT: Record<RoundState, RoundState | null> = {
  draft: 'open',
  open: 'reviewing',
  reviewing: 'awarded',
  awarded: 'closed',
  closed: null,
};

/** Whether a round may move from one state to another (only one step forward). */
export function canMoveRound(from: RoundState, to: RoundState): boolean {
  return NEXT[from] === to;
}

/** The one state a round may move to next, or null when it is closed. */
export function nextRoundState(from: RoundState): RoundState | null {
  return NEXT[from];
}

/**
 * A proposal: draft (editable) → submitted → passed or returned at the first review (形式审查); a returned
 * one is edited and submitted again while the round is open; withdrawn by its organization before a pass;
 * awarded from passed.
 */
export const PROPOSAL_STATES = ['draft', 'submitted', 'returned', 'passed', 'withdrawn', 'awarded'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const PROPOSAL_ACTIONS = ['edit', 'submit', 'withdraw', 'pass', 'return', 'award'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

const PROPOSAL: Record<ProposalState, Partial<Record<ProposalAction, ProposalState>>> = {
  draft: { edit: 'draft', submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { withdraw: 'withdrawn', pass: 'passed', return: 'returned' },
  returned: { edit: 'returned', submit: 'submitted', withdraw: 'withdrawn' },
  passed: { award: 'awarded' },
  withdrawn: {},
  awarded: {},
};

/** The state a proposal moves to, or null when the action is not allowed in its state. */
export function proposalNext(state: ProposalState, action: ProposalAction): ProposalState | null {
  return PROPOSAL[state][action] ?? null;
}
