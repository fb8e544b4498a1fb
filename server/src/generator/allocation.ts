import { Rng } from './random.ts';
import type { Community } from './params.ts';

/**
 * Spreads `total` volunteers over the communities: urban 社区 weigh three times a village, times a
 * log-normal factor per community; largest remainders make the counts sum to `total` exactly.
 */
export function allocate(seed: string, communities: Community[], total: number): number[] {
  const weights = communities.map((c) => {
    const r = new Rng(`${seed}:weight:${c.code}`);
    return (/社区|居委会/.test(c.name) ? 3 : 1) * Math.exp(0.5 * r.normal());
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((s, x) => s + x, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/**
 * How many volunteers of each community serve: the active share rounded on the running total, so the
 * whole region's count is round(active × total) exactly while each community stays within one of its share.
 */
export function activeCounts(active: number, counts: number[]): number[] {
  let cumulative = 0;
  let given = 0;
  return counts.map((n) => {
    cumulative += n;
    const k = Math.round(active * cumulative) - given;
    given += k;
    return k;
  });
}
