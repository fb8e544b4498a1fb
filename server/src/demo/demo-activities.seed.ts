import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { demoActor, demoFederationId } from './demo-actor.ts';
import { createActivity, publishActivity } from '../modules/activities/activities.service.ts';
import { addPosition } from '../modules/activities/positions.service.ts';
import { gcjToWgs } from '@yiqi/shared/geo/coords';

/**
 * Real places in Nanshan, so distance search and the check-in area work in a demo. Their coordinates are as
 * 高德 shows them (GCJ-02, 300–600 m off in Shenzhen): converted to WGS-84, the system stored and compared
 * with phones' positions (shared/src/geo). Demo data is made on a fresh database only, so no migration.
 */
const PLACES = [
  {
    title: '深圳湾公园净滩行动',
    category: 'environment',
    address: '南山区深圳湾公园日出剧场',
    lat: 22.5203,
    lng: 113.9486,
  },
  {
    title: '南头古城文明旅游引导',
    category: 'tourism',
    address: '南山区南头古城南门广场',
    lat: 22.5436,
    lng: 113.9193,
  },
  {
    title: '蛇口社区长者陪伴',
    category: 'special_groups',
    address: '南山区蛇口街道海昌社区党群服务中心',
    lat: 22.4847,
    lng: 113.9127,
  },
  {
    title: '科技园地铁站交通引导',
    category: 'traffic',
    address: '南山区地铁 1 号线高新园站 A 出口',
    lat: 22.5405,
    lng: 113.9534,
  },
  {
    title: '西丽湖绿道马拉松赛会服务',
    category: 'large_events',
    address: '南山区西丽湖绿道起点',
    lat: 22.588,
    lng: 113.953,
  },
  {
    title: '南山图书馆少儿阅读陪伴',
    category: 'education',
    address: '南山区南山图书馆少儿部',
    lat: 22.533,
    lng: 113.93,
  },
] as const;

const HOUR = 3600_000;

/** The next day at `hour` o'clock China time, `days` from now. */
function chinaTime(now: Date, days: number, hour: number): Date {
  const day = new Date(now.getTime() + 8 * HOUR + days * 24 * HOUR).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
}

/**
 * Published demo activities of 南山区志愿者联合会 over the next two weeks, created through the real use
 * cases (validated and audited like any other) as the organization's admin.
 */
export async function seedDemoActivities(db: Database, config: Config): Promise<number> {
  const now = new Date();
  const ctx = await demoActor(db, config, 'org.admin', () => now);
  const orgId = await demoFederationId(db);
  if (!ctx || !orgId) return 0;
  let n = 0;
  for (const [i, p] of PLACES.entries()) {
    const start = chinaTime(now, 1 + i * 2, i % 2 ? 14 : 9);
    const end = new Date(start.getTime() + 4 * HOUR);
    const marathon = p.category === 'large_events';
    const { id } = await createActivity(ctx, orgId, {
      title: p.title,
      description: `${p.title}：欢迎热心市民报名参加，活动前 30 分钟到场签到，服务结束后签退。`,
      category: p.category,
      targets: ['public'],
      regionCode: '440305000000',
      address: p.address,
      ...gcjToWgs({ lat: p.lat, lng: p.lng }),
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      recruitMode: 'public',
      designatedOrgs: [],
      contactName: '赵磊',
      contactPhone: '13800138000',
      personInCharge: '赵磊',
      riskLevel: marathon ? 'high' : 'none',
      physicalRisk: marathon,
      riskText: marathon ? '赛道沿线长时间站立，注意防暑；如有不适请立即告知负责人。' : null,
      insurance: marathon
        ? {
            policyNo: 'PICC-SZ-2026-0088',
            insurer: '中国人民财产保险深圳分公司',
            cover: '意外身故伤残 50 万元，意外医疗 5 万元',
            from: '2026-01-01',
            to: '2027-12-31',
          }
        : null,
      geofence: { mode: 'review', radiusM: 500 },
      cancelCutoffHours: 24,
      hoursRule: 'nearest_quarter',
      breakMinutes: 0,
    });
    await addPosition(ctx, id, {
      name: marathon ? '补给站志愿者' : '现场志愿者',
      duties: marathon ? '分发饮用水和补给，维持补给站秩序' : '协助现场引导、秩序维护和物资分发',
      minAge: marathon ? 18 : 14,
      maxAge: null,
      requiredSkills: [],
      requiredQualifications: [],
      requiredQualification: null,
      needsApproval: marathon,
      shifts: [
        {
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
          quota: marathon ? 40 : 8,
        },
        {
          startsAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
          endsAt: end.toISOString(),
          quota: marathon ? 40 : 8,
        },
      ],
    });
    await publishActivity(ctx, id);
    n++;
  }
  return n;
}
