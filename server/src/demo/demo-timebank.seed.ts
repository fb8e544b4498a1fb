import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import type { Ctx } from '../core/ctx.ts';
import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { phoneIndex } from '../modules/auth/auth.service.ts';
import { approvedItemsWithin } from '../modules/dispatch/menu.service.ts';
import { confirm } from '../modules/records/records.service.ts';
import { addMenuItem, book } from '../modules/timebank/bookings.service.ts';
import { runDeposits } from '../modules/timebank/deposits.ts';
import { registerFamily, saveScheme, transfer } from '../modules/timebank/timebank.service.ts';
import { registerOnBehalf } from '../modules/volunteers/registration.service.ts';
import { DEMO_PASSWORD } from './demo.seed.ts';
import { demoActor, demoFederationId } from './demo-actor.ts';

/** The demo's time-bank volunteer (signs in with the demo password). */
export const DEMO_TIMEBANK_USER = 'tb.volunteer';
const SHENZHEN = '440300000000';

/**
 * 深圳市公益时间银行 in the demo, made through the use cases: the city's scheme (10 h before spending) and its
 * menu (home care delivered as a dispatch order of 南头街道); a volunteer of 南山区 (王秀英, account tb.volunteer) whose attendance at a demo activity the
 * organization confirmed — the deposits job banks those records as points, as it would any — with her
 * mother registered as family, points given to her, and a service booked (points held).
 */
export async function seedDemoTimebank(db: Database, config: Config): Promise<boolean> {
  // Each context's clock stands still at its making, as a request's would.
  const as = (username: string) => {
    const now = new Date();
    return demoActor(db, config, username, () => now);
  };
  const [city, district, orgAdmin] = await Promise.all(['sz.admin', 'ns.admin', 'org.admin'].map(as));
  const orgId = await demoFederationId(db);
  const org = orgId ? { id: orgId } : undefined;
  const activity = org
    ? await db
        .selectFrom('activities')
        .select('id')
        .where('org_id', '=', org.id)
        .orderBy('created_at')
        .executeTakeFirst()
    : undefined;
  if (!city || !district || !orgAdmin || !org || !activity) return false;

  const scheme = await saveScheme(city, {
    region: SHENZHEN,
    name: '深圳市公益时间银行',
    minutesPerPoint: 60,
    spendThresholdMinutes: 600,
    balanceCap: 1500,
    expiryDays: null,
  });
  // Home care is delivered as a dispatch order of 南头街道's post (its menu item 独居长者上门探访, when the
  // dispatch demo is there): booking it places the order, and its completion settles the points.
  const homeVisit = (await approvedItemsWithin(city, SHENZHEN)).items.find(
    (i) => i.title === '独居长者上门探访',
  );
  await addMenuItem(city, {
    region: SHENZHEN,
    name: '居家照护（2小时）',
    points: 4,
    ...(homeVisit ? { dispatchItemId: homeVisit.id } : {}),
  });
  const care = (await addMenuItem(city, { region: SHENZHEN, name: '助餐送餐（一周）', points: 3 })).id;
  await addMenuItem(city, { region: SHENZHEN, name: '陪同就医', points: 2 });

  // The volunteer, registered by the district on behalf of the federation, with her own account.
  const first17 = '44030519680312208';
  const v = await registerOnBehalf(district, {
    name: '王秀英',
    phone: '13800135678',
    docType: 'mainland_id',
    docNumber: first17 + idCheckChar(first17),
    regionCode: '440305001001',
    orgId: org.id,
    consentRecordedAt: new Date().toISOString(),
    consentEvidence: '纸质登记表（演示数据）',
    privacyNoticeVersion: '2026-01',
  });
  const user = await db
    .insertInto('users')
    .values({
      username: DEMO_TIMEBANK_USER,
      display_name: '志愿者 王秀英',
      password_hash: await hashPassword(DEMO_PASSWORD),
      // Registered with her texted code, as a dispatch order's requester must be.
      phone_bidx: phoneIndex({ config }, '13800135678'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Demo shortcut: the account is tied to her record as the account claim would tie it.
  await db.updateTable('volunteers').set({ user_id: user.id }).where('id', '=', v.id).execute();

  // Her attendance (drafts, as check-in and check-out leave them), confirmed by the organization.
  const today = new Date();
  const day = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
  const minutes = [240, 180, 240, 210, 180, 240];
  const drafts = await db
    .insertInto('service_records')
    .values(
      minutes.map((m, i) => ({
        kind: 'attendance' as const,
        volunteer_id: v.id,
        org_id: org.id,
        activity_id: activity.id,
        service_date: day(7 * (i + 1)),
        activity_title: '蛇口社区长者陪伴',
        place: '南山区蛇口街道海昌社区党群服务中心',
        content: '陪伴独居长者聊天、读报，协助整理房间',
        person_in_charge: '赵磊',
        minutes: m,
        reason: null,
        status: 'draft' as const,
        created_by: null,
      })),
    )
    .returning('id')
    .execute();
  await confirm(
    orgAdmin,
    activity.id,
    drafts.map((d) => ({ id: d.id })),
  );
  // On PostgreSQL a record event is readable only once every older transaction in the cluster has ended,
  // so the deposits job may need a few runs (a minute at most) before it sees these.
  const system: Ctx = { ...city, actor: null, clock: () => new Date() };
  let own: { id: string } | undefined;
  for (let tries = 0; !own && tries < 120; tries++) {
    if (tries > 0) await delay(500);
    await runDeposits(system);
    own = await db
      .selectFrom('timebank_accounts')
      .select('id')
      .where('volunteer_id', '=', v.id)
      .where('kind', '=', 'volunteer')
      .where('balance', '>=', sql<number>`${Math.floor(minutes.reduce((a, b) => a + b, 0) / 60)}`)
      .executeTakeFirst();
  }
  if (!own) return false;

  const me = await as(DEMO_TIMEBANK_USER);
  if (!me) return false;
  const mother = await registerFamily(me, { schemeId: scheme.id, name: '王桂兰', relation: 'parent' });
  await transfer(me, randomUUID(), {
    fromAccountId: own.id,
    to: { kind: 'family', accountId: mother.id },
    amount: 6,
  });
  await book(me, randomUUID(), { accountId: mother.id, menuItemId: care, note: '每天中午送到家' });
  return true;
}
