import type { TestApp } from '../../test/harness.ts';

/** A policy inserted directly (matrix fixtures and tests), a group policy of the region by default. */
export async function insertPolicy(
  t: TestApp,
  o: { region?: string; activityId?: string; policyNo?: string; from?: string; to?: string } = {},
): Promise<string> {
  const region = o.region ?? '440305000000';
  const row = await t.handle.db
    .insertInto('insurance_policies')
    .values({
      kind: o.activityId ? 'activity' : 'region_year',
      region_code: region,
      region_prefix: region.replace(/(00)+$/, ''),
      activity_id: o.activityId ?? null,
      insurer: '中国人寿财产保险股份有限公司',
      policy_no: o.policyNo ?? `PTEST${Math.random().toString(36).slice(2, 12)}`,
      cover: '志愿服务期间意外身故、伤残及意外医疗',
      limits: '意外身故/伤残 10 万元；意外医疗 1 万元',
      valid_from: o.from ?? '2026-01-01',
      valid_to: o.to ?? '2026-12-31',
      created_by: '00000000-0000-4000-8000-000000000000',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A valid body for POST /api/insurance/policies. */
export function policyBody(region: string, over: Record<string, unknown> = {}) {
  return {
    kind: 'region_year',
    region,
    insurer: '中国平安财产保险股份有限公司',
    policyNo: `P${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    cover: '注册志愿者参加志愿服务期间的意外身故、伤残及意外医疗',
    limits: '意外身故/伤残 20 万元；意外医疗 2 万元',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...over,
  };
}
