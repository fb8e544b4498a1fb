import { gcjToWgs } from '@yiqi/shared/geo/coords';
import type { StationKind } from '@yiqi/shared/contracts/stations';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { demoActor, demoFederationId } from './demo-actor.ts';
import { create } from '../modules/stations/stations.service.ts';
import { setRoute } from '../modules/civic/civic.service.ts';

/**
 * 南山区's civilization-practice network for the demo map: the district centre, a post in each street and
 * community stations, U-stations and service points at real places. Coordinates as 高德 shows them (GCJ-02),
 * converted to WGS-84 as stored. Phones are public service lines (made-up numbers in Shenzhen's format).
 * Made through the stations use case as the Nanshan region admin, like the demo activities.
 */
const S: [StationKind, string, string, string, number, number, string, string[]][] = [
  [
    'centre',
    '南山区新时代文明实践中心',
    '440305002000',
    '南山区南山大道 2076 号南山区文化馆',
    22.5297,
    113.9291,
    '0755-26651234',
    ['理论宣讲', '志愿服务', '文化活动', '点单派单'],
  ],
  [
    'post',
    '南头街道新时代文明实践所',
    '440305001000',
    '南山区南头街道深南大道 10128 号',
    22.5438,
    113.9226,
    '0755-26601101',
    ['理论宣讲', '便民服务'],
  ],
  [
    'post',
    '南山街道新时代文明实践所',
    '440305002000',
    '南山区南山街道南山大道 1088 号',
    22.5206,
    113.9299,
    '0755-26601102',
    ['理论宣讲', '文明交通'],
  ],
  [
    'post',
    '沙河街道新时代文明实践所',
    '440305003000',
    '南山区沙河街道沙河东路 255 号',
    22.5376,
    113.9724,
    '0755-26601103',
    ['文化活动', '关爱长者'],
  ],
  [
    'post',
    '蛇口街道新时代文明实践所',
    '440305005000',
    '南山区蛇口街道工业七路 1 号',
    22.4855,
    113.9151,
    '0755-26601105',
    ['理论宣讲', '环境保护'],
  ],
  [
    'post',
    '招商街道新时代文明实践所',
    '440305006000',
    '南山区招商街道招商路 9 号',
    22.4811,
    113.9275,
    '0755-26601106',
    ['文明旅游', '便民服务'],
  ],
  [
    'post',
    '粤海街道新时代文明实践所',
    '440305007000',
    '南山区粤海街道科技园科苑路 8 号',
    22.5405,
    113.9477,
    '0755-26601107',
    ['科技普及', '青年志愿'],
  ],
  [
    'post',
    '桃源街道新时代文明实践所',
    '440305008000',
    '南山区桃源街道龙珠大道 088 号',
    22.565,
    113.973,
    '0755-26601108',
    ['关爱长者', '文化活动'],
  ],
  [
    'post',
    '西丽街道新时代文明实践所',
    '440305009000',
    '南山区西丽街道留仙大道 3313 号',
    22.5826,
    113.9579,
    '0755-26601109',
    ['理论宣讲', '法律服务'],
  ],
  [
    'station',
    '科技园社区新时代文明实践站',
    '440305007003',
    '南山区粤海街道科技园社区党群服务中心',
    22.5408,
    113.9531,
    '0755-26601701',
    ['便民服务', '青年志愿'],
  ],
  [
    'station',
    '深圳大学社区新时代文明实践站',
    '440305007004',
    '南山区粤海街道深大社区党群服务中心',
    22.5349,
    113.9387,
    '0755-26601702',
    ['学雷锋', '文化活动'],
  ],
  [
    'station',
    '南油社区新时代文明实践站',
    '440305007010',
    '南山区粤海街道南油社区党群服务中心',
    22.5174,
    113.9307,
    '0755-26601703',
    ['关爱长者', '便民服务'],
  ],
  [
    'station',
    '后海社区新时代文明实践站',
    '440305007011',
    '南山区粤海街道后海社区党群服务中心',
    22.5222,
    113.9402,
    '0755-26601704',
    ['环境保护', '文明交通'],
  ],
  [
    'u_station',
    '深圳湾公园 U 站',
    '440305007000',
    '南山区深圳湾公园日出剧场旁',
    22.5203,
    113.9486,
    '12355',
    ['游客咨询', '应急救护', '失物招领'],
  ],
  [
    'u_station',
    '南头古城 U 站',
    '440305001000',
    '南山区南头古城南门广场',
    22.5436,
    113.9193,
    '12355',
    ['文明旅游', '游客咨询'],
  ],
  [
    'volunteer_post',
    '高新园地铁站志愿服务岗',
    '440305007000',
    '南山区地铁 1 号线高新园站 A 出口',
    22.5406,
    113.9554,
    '0755-26601801',
    ['交通引导', '问路指引'],
  ],
  [
    'service_point',
    '蛇口海上世界志愿服务点',
    '440305005000',
    '南山区蛇口望海路海上世界广场',
    22.483,
    113.9143,
    '0755-26601901',
    ['文明旅游', '应急救护'],
  ],
  [
    'service_point',
    '西丽湖志愿服务点',
    '440305009000',
    '南山区西丽湖度假村入口',
    22.5946,
    113.959,
    '0755-26601902',
    ['环境保护', '游客咨询'],
  ],
];

export async function seedDemoStations(db: Database, config: Config): Promise<number> {
  const now = new Date();
  const ctx = await demoActor(db, config, 'ns.admin', () => now);
  if (!ctx) return 0;
  for (const [kind, name, region, address, lat, lng, phone, services] of S) {
    const p = gcjToWgs({ lat, lng });
    await create(ctx, {
      kind,
      name,
      region,
      address,
      lat: Number(p.lat.toFixed(6)),
      lng: Number(p.lng.toFixed(6)),
      openingHours: kind === 'u_station' ? '每天 9:00–18:00' : '周一至周五 9:00–12:00，14:00–18:00',
      services,
      phone,
      description: '',
      activityIds: [],
    });
  }
  // Civic reports in Nanshan go to the district volunteer federation's team in 3 working days.
  const orgId = await demoFederationId(db);
  if (orgId) await setRoute(ctx, { region: '440305000000', category: 'any', unitId: orgId, deadlineDays: 3 });
  return S.length;
}
