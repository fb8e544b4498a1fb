import { idCheckChar } from '@yiqi/shared/identity/documents';
import { luhnDigit } from '../modules/volunteers/volunteer-number.ts';
import type { Rng } from './random.ts';

/**
 * Well-formed personal facts for generated volunteers: names weighted by how common Guangdong surnames
 * are, mainland ID numbers that pass GB 11643 (address code of the residence district, a real birth date,
 * sequence with the gender's parity, check character), mobile numbers and volunteer numbers, each unique
 * within a run by construction (counters and bijections, not retries), so the unique indexes never refuse
 * a generated row.
 */

// Rough frequency in Guangdong (陈, 李, 黄, 张, 梁 … lead); the tail is evenly weighted.
const SURNAME_WEIGHTS: [string, number][] = [
  ['陈', 9.5],
  ['李', 7.5],
  ['黄', 6.5],
  ['张', 5],
  ['梁', 4.5],
  ['林', 4.2],
  ['刘', 4],
  ['吴', 3.2],
  ['罗', 3],
  ['何', 2.8],
  ['郑', 2.5],
  ['杨', 2.4],
  ['王', 2.4],
  ['周', 2],
  ['钟', 2],
  ['叶', 1.9],
  ['冯', 1.6],
  ['谢', 1.6],
  ['邓', 1.5],
  ['曾', 1.5],
  ['彭', 1.3],
  ['赖', 1.2],
  ['蔡', 1.2],
  ['潘', 1.1],
  ['卢', 1.1],
  ['许', 1],
  ['朱', 1],
  ['郭', 1],
  ['苏', 0.9],
  ['徐', 0.9],
  ['胡', 0.8],
  ['江', 0.8],
  ['严', 0.5],
  ['廖', 0.8],
  ['方', 0.6],
  ['温', 0.6],
  ['邱', 0.6],
  ['杜', 0.4],
  ['欧阳', 0.3],
  ['司徒', 0.1],
];
const SURNAMES = SURNAME_WEIGHTS.map(([s]) => s);
const SURNAME_W = SURNAME_WEIGHTS.map(([, w]) => w);
const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超刚志建国文俊宇浩轩晨嘉鹏辉斌峰华荣健锋帆睿泽铭'];
const GIVEN_FEMALE = [...'芳娜秀英敏静丽艳娟兰霞桂红玲婷欣怡涵琪雪梅燕萍慧颖琳佳瑶蕾倩'];

export function personName(rng: Rng, gender: 'male' | 'female'): string {
  const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const surname = SURNAMES[rng.weighted(SURNAME_W)]!;
  return surname + rng.pick(pool) + (rng.chance(0.75) ? rng.pick(pool) : '');
}

/** Age bands of registered volunteers (students and retirees serve most), as [from, to, weight]. */
const AGE_BANDS: [number, number, number][] = [
  [18, 22, 22],
  [23, 30, 18],
  [31, 40, 18],
  [41, 50, 15],
  [51, 60, 14],
  [61, 72, 13],
];

/** A birth date (YYYY-MM-DD) for an adult of a drawn age on `today`. */
export function birthDate(rng: Rng, today: Date): string {
  const band = AGE_BANDS[rng.weighted(AGE_BANDS.map((b) => b[2]))]!;
  const age = rng.int(band[0], band[1]);
  // Born between (age + 1) years and age years (plus a day) before today: exactly `age` today.
  const end = Date.UTC(today.getUTCFullYear() - age, today.getUTCMonth(), today.getUTCDate()) - 86_400_000;
  const start =
    Date.UTC(today.getUTCFullYear() - age - 1, today.getUTCMonth(), today.getUTCDate()) + 86_400_000;
  return new Date(start + Math.floor(rng.next() * ((end - start) / 86_400_000)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * ID numbers: the sequence (3 digits, odd for men) is the next free one for (address code, birth date) in
 * this run; when a date's 500 numbers of one gender are used, the next day is taken.
 */
export class IdNumbers {
  private used = new Map<string, number>();

  next(district6: string, birth: string, gender: 'male' | 'female'): { number: string; birthDate: string } {
    for (let day = birth; ; day = nextDay(day)) {
      const key = `${district6}${day}${gender[0]}`;
      const n = this.used.get(key) ?? 0;
      if (n >= 500) continue;
      this.used.set(key, n + 1);
      const seq = String(n * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
      const first17 = district6 + day.replaceAll('-', '') + seq;
      return { number: first17 + idCheckChar(first17), birthDate: day };
    }
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const PHONE_PREFIXES = [
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '158',
  '159',
  '186',
  '188',
  '189',
  '177',
  '199',
];

/**
 * The i-th phone number of a run: a prefix by i, then 8 digits from an affine bijection of i on
 * 0…10^8 − 1 (multiplier coprime with 10), offset by the run's salt, so no two volunteers share a phone.
 */
export function phoneNumber(i: number, salt: number): string {
  const prefix = PHONE_PREFIXES[i % PHONE_PREFIXES.length]!;
  const k = Math.floor(i / PHONE_PREFIXES.length);
  const body = Number((BigInt(k) * 48_271n + BigInt(salt)) % 100_000_000n)
    .toString()
    .padStart(8, '0');
  return prefix + body;
}

/**
 * Volunteer numbers (district prefix, 7 digits, Luhn digit as volunteers/volunteer-number.ts): the k-th of
 * a district in this run from an affine bijection on 0…10^7 − 1, skipping numbers already in the database.
 */
export class VolunteerNumbers {
  private counters = new Map<string, number>();
  constructor(
    private salt: number,
    private taken: Set<string>,
  ) {}

  next(district6: string): string {
    for (;;) {
      const k = this.counters.get(district6) ?? 0;
      this.counters.set(district6, k + 1);
      const body7 = Number((BigInt(k) * 7_919n + BigInt(this.salt)) % 10_000_000n)
        .toString()
        .padStart(7, '0');
      const body = district6 + body7;
      const no = body + luhnDigit(body);
      if (!this.taken.has(no)) return no;
    }
  }
}
