import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canMoveRound,
  nextRoundState,
  PROPOSAL_ACTIONS,
  PROPOSAL_STATES,
  proposalNext,
  ROUND_STATES,
} from './round-states.ts';

describe('funding round states', () => {
  it('allows exactly the one step forward from each state, every other pair refused', () => {
    const allowed = new Set(['draft>open', 'open>reviewing', 'reviewing>awarded', 'awarded>closed']);
    for (const from of ROUND_STATES)
      for (const to of ROUND_STATES)
        assert.equal(canMoveRound(from, to), allowed.has(`${from}>${to}`), `${from} → ${to}`);
    assert.equal(nextRoundState('closed'), null);
  });

  it('proposal actions: every (state, action) pair against the expected table', () => {
    const expected: Record<string, string> = {
      'draft/edit': 'draft',
      'draft/submit': 'submitted',
      'draft/withdraw': 'withdrawn',
      'submitted/withdraw': 'withdrawn',
      'submitted/pass': 'passed',
      'submitted/return': 'returned',
      'returned/edit': 'returned',
      'returned/submit': 'submitted',
      'returned/withdraw': 'withdrawn',
      'passed/award': 'awarded',
    };
    let n = 0;
    for (const s of PROPOSAL_STATES)
      for (const a of PROPOSAL_ACTIONS) {
        assert.equal(proposalNext(s, a), expected[`${s}/${a}`] ?? null, `${s} / ${a}`);
        n++;
      }
    assert.equal(n, PROPOSAL_STATES.length * PROPOSAL_ACTIONS.length);
  });
});
