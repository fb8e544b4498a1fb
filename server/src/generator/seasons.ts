import type { ServiceCategory } from '@yiqi/shared/categories';
import type { Params } from './params.ts';
import type { Rng } from './random.ts';

/**
 * The generator's calendar and service shapes: month weights (March, 学雷锋 month, about twice an average
 * month; December's 国际志愿者日 up; Spring Festival months down), lengths of an activity day, the kinds
 * of activities a team runs, and the days of the period with their weights (model.ts draws from them).
 */
export const MONTH_WEIGHT = [0.75, 0.6, 1.9, 1.0, 1.0, 0.9, 1.05, 1.05, 0.95, 0.9, 1.0, 1.25];
/** Lengths of an activity day in minutes and how often each occurs: mean 180 (three hours). */
export const LENGTHS: [number, number][] = [
  [90, 8],
  [120, 24],
  [150, 14],
  [180, 20],
  [240, 18],
  [300, 7],
  [360, 5],
  [480, 4],
];
export const MEAN_LENGTH =
  LENGTHS.reduce((s, [m, w]) => s + m * w, 0) / LENGTHS.reduce((s, [, w]) => s + w, 0);

export const ACTIVITY_KINDS: { category: ServiceCategory; titles: string[]; content: string }[] = [
  {
    category: 'community',
    titles: ['社区环境清洁', '楼道杂物清理', '社区议事协商'],
    content: '清理公共区域，整理楼道杂物',
  },
  {
    category: 'special_groups',
    titles: ['长者探访', '独居老人助餐', '关爱困境儿童'],
    content: '上门探访，陪伴聊天，协助生活事务',
  },
  {
    category: 'civility',
    titles: ['文明劝导', '学雷锋便民服务', '垃圾分类宣传'],
    content: '现场劝导与宣传，发放资料',
  },
  { category: 'traffic', titles: ['路口文明交通引导', '护学岗'], content: '协助交警引导行人与非机动车' },
  { category: 'education', titles: ['四点半课堂', '图书馆导读'], content: '辅导功课，整理图书' },
  { category: 'health', titles: ['义诊协助', '健康知识宣讲'], content: '协助医务人员，维护秩序' },
  { category: 'environment', titles: ['河涌巡护', '海滩净滩'], content: '巡查河涌，拾捡垃圾' },
  { category: 'culture_arts', titles: ['文化广场演出服务', '非遗展示讲解'], content: '现场引导与讲解' },
];

export const iso = (day: string, minutes: number) => {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${day}T${h}:${m}:00+08:00`;
};
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Days of the period with their draw weights (month and weekend). */
export class Calendar {
  readonly days: string[] = [];
  private cumulative: number[] = [];

  constructor(params: Params) {
    const n = Math.round(365 * params.years);
    let total = 0;
    for (let i = n; i >= 1; i--) {
      const day = addDays(params.today, -i);
      const d = new Date(`${day}T00:00:00Z`);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      total += MONTH_WEIGHT[d.getUTCMonth()]! * (weekend ? 2 : 1);
      this.days.push(day);
      this.cumulative.push(total);
    }
  }

  /** A day index drawn by weight. */
  draw(rng: Rng): number {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
