import { createHash } from 'node:crypto';

/**
 * The generator's only source of chance: sfc32 seeded from SHA-256 of a label, so a seed and a label (the
 * run's seed plus a community code) always give the same sequence, whatever else the run does. Not
 * cryptographic, and never used for anything secret (ciphertext IVs stay random: lib/crypto.ts).
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * `idPrefix` (10 hex digits, e.g. idPrefixOf a community code): the first 40 bits of every uuid() drawn,
   * so the ids of one community sit together in every index on them (decision 0073).
   */
  constructor(
    label: string,
    private readonly idPrefix?: string,
  ) {
    const h = createHash('sha256').update(label).digest();
    this.a = h.readUInt32LE(0);
    this.b = h.readUInt32LE(4);
    this.c = h.readUInt32LE(8);
    this.d = h.readUInt32LE(12) | 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with the given (non-negative) weights. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * A version-4-shaped UUID from this sequence: row ids are part of what a seed reproduces. With an id
   * prefix its first 40 bits are the prefix: the generator writes communities in code order, so each index
   * on these ids grows at a few neighbouring pages instead of at random ones (far fewer pages to read, dirty
   * and log after each checkpoint once the indexes outgrow memory). The same four draws either way.
   */
  uuid(): string {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++)
      hex.push(
        Math.floor(this.next() * 4294967296)
          .toString(16)
          .padStart(8, '0'),
      );
    const s = this.idPrefix ? this.idPrefix + hex.join('').slice(10) : hex.join('');
    const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** A community's id prefix: its 12-digit code as 10 hex digits (codes are below 16^10), in code order. */
export const idPrefixOf = (code: string) => Number(code).toString(16).padStart(10, '0');
