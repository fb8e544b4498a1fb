import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { checkToken, makeToken, parseToken, stepAt } from './qr-token.ts';

// Fixed seed in CI so a failure reproduces; FC_SEED overrides for longer random runs.
const params = { seed: Number(process.env.FC_SEED ?? 20261122), numRuns: 300 };
const key = Buffer.alloc(32, 3);
const uuid = fc.uuid({ version: 4 });
// Steps of the next few thousand years (today's is about 59 million).
const step = fc.integer({ min: 1, max: 2 ** 36 });

describe('QR check-in tokens', () => {
  it('accepts every valid token within ±1 step', () => {
    fc.assert(
      fc.property(uuid, uuid, step, fc.integer({ min: -1, max: 1 }), (activity, shift, s, d) => {
        const r = checkToken(key, makeToken(key, activity, shift, s), activity, s + d);
        assert.deepEqual(r, { ok: true, shiftId: shift, step: s });
      }),
      params,
    );
  });

  it('rejects tokens older or newer than one step as expired', () => {
    fc.assert(
      fc.property(
        uuid,
        uuid,
        step,
        fc.integer({ min: 2, max: 10_000 }),
        fc.boolean(),
        (a, sh, s, d, late) => {
          const now = late ? s + d : s - d;
          assert.deepEqual(checkToken(key, makeToken(key, a, sh, s), a, now), {
            ok: false,
            code: 'QR_EXPIRED',
          });
        },
      ),
      params,
    );
  });

  it('rejects a token of another activity as forged, even for the same shift id and step', () => {
    fc.assert(
      fc.property(uuid, uuid, uuid, step, (a, other, sh, s) => {
        fc.pre(a !== other);
        assert.deepEqual(checkToken(key, makeToken(key, other, sh, s), a, s), {
          ok: false,
          code: 'QR_FORGED',
        });
      }),
      params,
    );
  });

  it('rejects tokens signed with another key, or with any changed field', () => {
    const otherKey = Buffer.alloc(32, 4);
    fc.assert(
      fc.property(uuid, uuid, step, fc.nat({ max: 200 }), (a, sh, s, pos) => {
        assert.equal(checkToken(key, makeToken(otherKey, a, sh, s), a, s).ok, false);
        const token = makeToken(key, a, sh, s);
        // Flip one character of the token to another allowed character.
        const i = pos % token.length;
        const c = token[i]!;
        const swapped = c === 'A' ? 'B' : 'A';
        const tampered = token.slice(0, i) + swapped + token.slice(i + 1);
        if (tampered !== token) assert.equal(checkToken(key, tampered, a, s).ok, false);
      }),
      params,
    );
  });

  it('rejects malformed input without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (junk) => {
        const r = checkToken(key, junk, randomUUID(), 100);
        assert.equal(r.ok, false);
      }),
      params,
    );
  });

  it('reads the token out of the scan URL the QR code encodes', () => {
    const a = randomUUID();
    const sh = randomUUID();
    const s = stepAt(new Date());
    const token = makeToken(key, a, sh, s);
    assert.equal(parseToken(`https://yiqi.example/m/scan?t=${encodeURIComponent(token)}`)?.shiftId, sh);
    assert.equal(checkToken(key, `https://yiqi.example/m/scan?t=${token}`, a, s).ok, true);
  });
});
