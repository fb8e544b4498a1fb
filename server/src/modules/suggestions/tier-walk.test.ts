import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { volunteersByTier } from './suggestions.repository.ts';
import { insertVolunteer } from './suggestions.testkit.ts';

/**
 * The region tiers of the suggestions' pool (community, street, district) are read as two index ranges
 * around the inner tier (walkAround in suggestions.repository.ts), not as one range that reads and
 * discards it. These tests pin that walk to a plain reference query (everyone of the pool's subtree who may
 * be named, each placed in the innermost tier whose prefix their code starts with): a walk that skips a
 * range, or reads the inner tier again, gives other rows than the reference. The population sits on the
 * ranges' edges: codes one below and one above each inner tier, and just outside the district.
 */
let t: TestApp;
const NANSHAN = '440305';
let admin: string;
let community: string;
let street: string;

/** A 12-digit code `delta` away from `code` read as a number (edges of a tier). */
const shift = (code: string, delta: number) => String(BigInt(code) + BigInt(delta)).padStart(12, '0');

let added = 0;
async function add(region: string, skills: string[], o: { verified?: boolean; closed?: boolean } = {}) {
  await insertVolunteer(t, {
    name: `V${++added}`,
    region,
    skills,
    ...(o.verified === false ? { verified: false } : {}),
    ...(o.closed ? { status: 'closed' as const } : {}),
  });
}

/**
 * Fills the ranges around `tiers` (innermost first, each the prefix of the next-outer one's code space):
 * inside the innermost, and for each outer tier its first and last code, one code below and one above the
 * inner tier; plus codes just outside the outermost tier, and ineligible people in each range.
 */
async function populate(tiers: readonly string[]) {
  const pad = (p: string, digit: string) => p.padEnd(12, digit);
  const codes = new Set<string>([pad(tiers[0]!, '0'), pad(tiers[0]!, '9')]);
  for (let i = 1; i < tiers.length; i++) {
    const inner = tiers[i - 1]!;
    codes.add(shift(pad(inner, '0'), -1)); // just below the inner tier
    codes.add(shift(pad(inner, '9'), 1)); // just above it
    codes.add(pad(tiers[i]!, '0'));
    codes.add(pad(tiers[i]!, '9'));
  }
  const outer = tiers.at(-1)!;
  const outside = [shift(pad(outer, '0'), -1), shift(pad(outer, '9'), 1)];
  let n = 0;
  for (const code of [...codes, ...outside]) {
    // One with skills asked for, one without, and one who may not be named (unverified or closed).
    await add(code, ['急救', n % 2 ? '驾驶' : '摄影']);
    await add(code, ['厨艺']);
    await add(code, ['急救'], n % 2 ? { verified: false } : { closed: true });
    n++;
  }
}

/** The reference query: everyone of a subtree who may be named and has one of the skills (if any). */
async function referenceRows(prefix: string, skills: readonly string[]) {
  const { rows } = await sql<{ id: string; region_code: string; skills: string[] }>`
    SELECT id, region_code, skills FROM volunteers
    WHERE status = 'active' AND verification_status = 'verified' AND region_code LIKE ${prefix + '%'}`.execute(
    t.handle.db,
  );
  return rows.filter((r) => !skills.length || r.skills.some((s) => skills.includes(s)));
}

/** Each reference row in the innermost tier whose prefix its code starts with, as `tier:id`. */
async function reference(tiers: readonly string[], skills: readonly string[]) {
  return (await referenceRows(tiers.at(-1)!, skills))
    .map((r) => `${tiers.findIndex((p) => r.region_code.startsWith(p))}:${r.id}`)
    .sort();
}

async function walked(tiers: readonly string[], skills: readonly string[], walk: boolean) {
  const rows = await volunteersByTier(t.handle.db, { tiers, skills, k: 200, walk });
  return rows.map((r) => `${r.tier}:${r.id}`).sort();
}

before(async () => {
  t = await startTestApp();
  const db = t.handle.db;
  street = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', `${NANSHAN}000000`)
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
  // A community that is not the street's first, so the street has codes on both sides of it.
  const communities = await db
    .selectFrom('regions')
    .select('code')
    .where('parent_code', '=', street)
    .where('level', '=', 5)
    .orderBy('code')
    .limit(2)
    .execute();
  community = communities.at(-1)!.code;
  admin = await signIn(
    t,
    await createUser(t, 'tw.admin', { role: 'region_admin', region: `${NANSHAN}000000` }),
  );
  await populate([community, street.slice(0, 9), NANSHAN]);
  // Synthetic tiers whose last digit is 9, so the code after the inner tier is formed past '9'.
  await populate(['440305009009', '440305009', NANSHAN]);
});
after(() => t?.close());

describe('region tiers read as two ranges around the inner tier', () => {
  const cases: [string, () => string[]][] = [
    ['the need’s community, street and district', () => [community, street.slice(0, 9), NANSHAN]],
    [
      'tiers ending in 9 (the range after the inner tier starts past 9)',
      () => ['440305009009', '440305009', NANSHAN],
    ],
    ['street and district only', () => [street.slice(0, 9), NANSHAN]],
  ];
  for (const [name, tiersOf] of cases)
    for (const skills of [[], ['急救'], ['驾驶', '摄影']])
      it(`${name}, skills [${skills.join(',')}]: the walk gives the reference’s rows, each once`, async () => {
        const tiers = tiersOf();
        const expected = await reference(tiers, skills);
        // The population is laid out so every tier has rows (a skipped one shows).
        for (let i = 0; i < tiers.length; i++)
          assert.ok(
            expected.some((e) => e.startsWith(`${i}:`)),
            `tier ${i} has people`,
          );
        assert.deepEqual(await walked(tiers, skills, true), expected);
        assert.deepEqual(await walked(tiers, skills, false), expected);
      });
});

interface Candidate {
  id: string;
  score: number;
  breakdown: Record<string, { score: number }>;
}

describe('suggestions over the tiers equal the reference', () => {
  /** Same community 0.8, same street 0.5, same district 0.3 (scoring.ts), no point. */
  const closeness = (code: string) =>
    code.startsWith(community) ? 0.8 : code.startsWith(street.slice(0, 9)) ? 0.5 : 0.3;
  const r3 = (v: number) => Math.round(v * 1000) / 1000;

  for (const skills of [[], ['急救']])
    it(`skills [${skills.join(',')}]: candidates and scores`, async () => {
      // The whole district is the pool; the reference is everyone eligible in it with a skill asked for,
      // scored: skills share, closeness by region, free, no load, no rating yet (0.5).
      const expected = (await referenceRows(NANSHAN, skills))
        .map((p) => ({
          id: p.id,
          distance: closeness(p.region_code),
          score: r3(0.35 * 1 + 0.25 * closeness(p.region_code) + 0.2 + 0.1 + 0.1 * 0.5),
        }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      assert.ok(expected.length <= 50, 'the whole reference fits in one answer');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/dispatch/suggestions',
        headers: { cookie: admin },
        payload: {
          regionCode: community,
          skills,
          startsAt: '2026-11-25T01:00:00Z',
          endsAt: '2026-11-25T03:00:00Z',
          limit: 50,
        },
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { volunteers: Candidate[]; considered: { volunteers: number } };
      assert.deepEqual(
        body.volunteers.map((c) => ({ id: c.id, distance: c.breakdown.distance!.score, score: c.score })),
        expected,
      );
      assert.equal(body.considered.volunteers, expected.length);
    });
});
