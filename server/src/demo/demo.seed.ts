import type { Database } from '../db/database.ts';
import type { Role } from '@yiqi/shared/roles';
import { encrypt } from '../lib/crypto.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { usccCheckChar } from '@yiqi/shared/identity/uscc';

export const DEMO_PASSWORD = 'Yiqi-demo-2026';

/** Demo accounts in Shenzhen (深圳市): each role once, the district admin in Nanshan (南山区, 440305). */
export const DEMO_ACCOUNTS: { username: string; name: string; role: Role | null; scope: string }[] = [
  { username: 'ns.admin', name: '南山区文明办 李明', role: 'region_admin', scope: '440305000000' },
  { username: 'ft.admin', name: '福田区文明办 陈芳', role: 'region_admin', scope: '440304000000' },
  { username: 'sz.admin', name: '深圳市文明办 王强', role: 'region_admin', scope: '440300000000' },
  {
    username: 'org.admin',
    name: '南山区志愿者联合会 赵磊',
    role: 'org_admin',
    scope: 'org:南山区志愿者联合会',
  },
  {
    username: 'fdn.admin',
    name: '南山区志愿服务基金会 许婷',
    role: 'org_admin',
    scope: 'org:深圳市南山区志愿服务基金会',
  },
  { username: 'auditor', name: '省审计管理员 周敏', role: 'audit_admin', scope: '440000000000' },
  { username: 'ns.auditor', name: '南山区审计管理员 吴静', role: 'audit_admin', scope: '440305000000' },
  { username: 'secadmin', name: '省安全管理员 孙浩', role: 'security_admin', scope: '440000000000' },
  { username: 'sysadmin', name: '省系统管理员 刘洋', role: 'system_admin', scope: '440000000000' },
  { username: 'volunteer', name: '志愿者 张小明', role: null, scope: '' },
];

/**
 * Each with the person in charge, handler and contact a certificate prints (民发〔2015〕149号), so the demo
 * organizations can issue certificates from the start. Names and numbers are made up.
 */
const DEMO_ORGS: {
  name: string;
  region: string;
  personInCharge: string;
  handler: string;
  contact: string;
  phone: string;
  /** A registered foundation (runs its own 益苗计划 rounds), with a made-up USCC (5 3: a civil-affairs foundation). */
  foundation?: boolean;
}[] = [
  {
    name: '深圳市志愿服务联合会',
    region: '440300000000',
    personInCharge: '王强',
    handler: '林晓',
    contact: '林晓',
    phone: '0755-8888 0001',
  },
  {
    name: '南山区志愿者联合会',
    region: '440305000000',
    personInCharge: '赵磊',
    handler: '赵磊',
    contact: '黄颖',
    phone: '0755-2666 0002',
  },
  {
    name: '福田区志愿者联合会',
    region: '440304000000',
    personInCharge: '陈芳',
    handler: '郑文',
    contact: '郑文',
    phone: '0755-8333 0003',
  },
  {
    name: '深圳市南山区志愿服务基金会',
    region: '440305000000',
    personInCharge: '许婷',
    handler: '许婷',
    contact: '何佳',
    phone: '0755-2666 0004',
    foundation: true,
  },
];

const FOUNDATION_USCC_BODY = '53440305MJ0000417';

/**
 * Creates the demo organizations and accounts unless users exist already. Returns whether it seeded. With
 * the application key the organizations' contact phones are stored too (encrypted, like every phone).
 */
export async function seedDemo(db: Database, appKey?: Buffer): Promise<boolean> {
  const any = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const orgs = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const row = await trx
        .insertInto('organizations')
        .values({
          name: o.name,
          region_code: o.region,
          person_in_charge: o.personInCharge,
          handler_name: o.handler,
          contact_name: o.contact,
          contact_phone_enc: appKey ? encrypt(appKey, o.phone) : null,
          ...(o.foundation
            ? {
                org_type: 'foundation' as const,
                uscc: FOUNDATION_USCC_BODY + usccCheckChar(FOUNDATION_USCC_BODY)!,
              }
            : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgs.set(o.name, row.id);
    }
    for (const a of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('users')
        .values({ username: a.username, display_name: a.name, password_hash: hash })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!a.role) continue;
      const orgId = a.scope.startsWith('org:') ? orgs.get(a.scope.slice(4))! : null;
      await trx
        .insertInto('role_grants')
        .values({ user_id: user.id, role: a.role, region_code: orgId ? null : a.scope, org_id: orgId })
        .execute();
    }
  });
  return true;
}
