import type { TestApp } from '../../test/harness.ts';

/** A station inserted directly (tests and matrix fixtures), at a WGS-84 point in Nanshan by default. */
export async function insertStation(
  t: TestApp,
  o: { region?: string; name?: string; kind?: string; lat?: number; lng?: number } = {},
): Promise<string> {
  const row = await t.handle.db
    .insertInto('stations')
    .values({
      kind: o.kind ?? 'station',
      name: o.name ?? '测试社区新时代文明实践站',
      region_code: o.region ?? '440305000000',
      address: '深圳市南山区测试路 1 号',
      lat: o.lat ?? 22.5333,
      lng: o.lng ?? 113.9304,
      services: JSON.stringify(['理论宣讲']),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A valid body for POST/PUT /api/stations. */
export function stationBody(region: string, over: Record<string, unknown> = {}) {
  return {
    kind: 'station',
    name: '桃源街道平山社区新时代文明实践站',
    region,
    address: '深圳市南山区桃源街道平山一路 8 号',
    lat: 22.5868,
    lng: 113.9697,
    openingHours: '周一至周五 9:00–18:00',
    services: ['理论宣讲', '便民服务'],
    phone: '0755-26601234',
    description: '',
    ...over,
  };
}
