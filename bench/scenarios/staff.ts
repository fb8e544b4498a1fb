// Staff accounts for the bench scenarios: created in SQL with an enrolled authenticator, signed in through
// the API with the password and a TOTP code, as a person would.
import { sql } from 'kysely';
import type { Role } from '@yiqi/shared/roles';
import type { Database } from '../../server/src/db/database.ts';
import { DEMO_PASSWORD } from '../../server/src/demo/demo.seed.ts';
import { encrypt } from '../../server/src/lib/crypto.ts';
import { currentTotp, newTotpSecret } from '../../server/src/modules/auth/totp.ts';

/** Common surnames and given-name characters, for well-formed fake names. */
export const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁',
];
export const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华志红建国文俊玲婷宇浩欣怡子涵晨轩嘉琪',
];

export interface Staff {
  username: string;
  secret: string;
}

/**
 * A staff account with the demo password (same argon2 cost) and an authenticator whose secret is sealed
 * with `appKey`, the key the API is started with; one grant of `role` over a region or an organization.
 */
export async function createStaff(
  db: Database,
  appKey: Buffer,
  username: string,
  role: Role,
  scope: { region: string } | { orgId: string },
): Promise<Staff> {
  const secret = newTotpSecret();
  const user = await db
    .insertInto('users')
    .values({
      username,
      display_name: `Bench ${username}`,
      password_hash: sql<string>`(SELECT password_hash FROM users WHERE username = 'volunteer')`,
      totp_secret_enc: encrypt(appKey, secret),
      totp_enabled_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_grants')
    .values({
      user_id: user.id,
      role,
      region_code: 'region' in scope ? scope.region : null,
      org_id: 'orgId' in scope ? scope.orgId : null,
    })
    .execute();
  return { username, secret };
}

/** Signs in through the API and passes the second factor; returns the session cookie. */
export async function staffSession(origin: string, staff: Staff): Promise<string> {
  const login = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: staff.username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login of ${staff.username}: ${login.status} ${await login.text()}`);
  const cookie = /yiqi_sid=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
  const verify = await fetch(`${origin}/api/auth/totp/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ code: currentTotp(staff.secret, new Date()) }),
  });
  if (!verify.ok) throw new Error(`TOTP of ${staff.username}: ${verify.status} ${await verify.text()}`);
  // Passing the second factor moves the session to a new token.
  return /yiqi_sid=[^;]+/.exec(verify.headers.get('set-cookie') ?? '')![0];
}
