import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { demoActor } from './demo-actor.ts';
import { create, transition } from '../modules/funding/rounds.service.ts';

/** One open 益苗计划 round of 南山区 (through the round use cases, as the district's admin), open for 60 days. */
export async function seedDemoFunding(db: Database, config: Config): Promise<string | null> {
  const now = new Date();
  const ctx = await demoActor(db, config, 'ns.admin', () => now);
  if (!ctx) return null;
  const { id } = await create(ctx, {
    region: '440305000000',
    name: '南山区益苗计划（社区志愿服务项目资助）',
    year: now.getUTCFullYear(),
    budgetFen: 1_200_000_00,
    opensAt: new Date(now.getTime() - 86400_000).toISOString(),
    closesAt: new Date(now.getTime() + 60 * 86400_000).toISOString(),
    criteria: [
      { name: '需求与目标', weight: 30, maxScore: 10 },
      { name: '可行性与团队', weight: 40, maxScore: 10 },
      { name: '预算合理性', weight: 30, maxScore: 10 },
    ],
    tiers: [
      { name: '示范', capFen: 100_000_00, count: 3 },
      { name: '重点培育', capFen: 50_000_00, count: 8 },
      { name: '持续扶持', capFen: 20_000_00, count: 20 },
    ],
  });
  await transition(ctx, id, 'open');
  return id;
}
