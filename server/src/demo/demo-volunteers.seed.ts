import { idCheckChar } from '@yiqi/shared/identity/documents';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { demoActor, demoFederationId } from './demo-actor.ts';
import { registerOnBehalf } from '../modules/volunteers/registration.service.ts';

const SURNAMES = [
  '陈',
  '李',
  '黄',
  '张',
  '梁',
  '林',
  '刘',
  '吴',
  '何',
  '王',
  '郑',
  '罗',
  '杨',
  '周',
  '谢',
  '邓',
];
const GIVEN = [
  '子轩',
  '欣怡',
  '浩然',
  '梓涵',
  '俊杰',
  '嘉怡',
  '志强',
  '晓彤',
  '伟',
  '敏',
  '家豪',
  '诗琪',
  '文杰',
  '雨桐',
];

/**
 * Demo volunteers in Nanshan, registered through the real on-behalf use case (so they are encrypted,
 * numbered and audited like any other) by the district admin for 南山区志愿者联合会.
 */
export async function seedDemoVolunteers(db: Database, config: Config, count = 24): Promise<number> {
  const ctx = await demoActor(db, config, 'ns.admin', () => new Date());
  const orgId = await demoFederationId(db);
  if (!ctx || !orgId) return 0;
  const streets = await db
    .selectFrom('regions')
    .select('code')
    .where('code', 'like', '440305%')
    .where('level', '=', 5)
    .orderBy('code')
    .execute();
  for (let i = 0; i < count; i++) {
    const year = 1960 + ((i * 7) % 45);
    const first17 = `440305${year}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + ((i * 5) % 28)).padStart(2, '0')}${String(100 + i).slice(-3)}`;
    await registerOnBehalf(ctx, {
      name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 3) % GIVEN.length]!,
      phone: `1380013${String(1000 + i).slice(-4)}`,
      docType: 'mainland_id',
      docNumber: first17 + idCheckChar(first17),
      regionCode: streets[(i * 37) % streets.length]!.code,
      orgId,
      consentRecordedAt: new Date().toISOString(),
      consentEvidence: '纸质登记表（演示数据）',
      privacyNoticeVersion: '2026-01',
    });
  }
  return count;
}
