import type { Database } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { phoneIndex } from '../modules/auth/auth.service.ts';
import { addItem, decideOffer, offer } from '../modules/dispatch/menu.service.ts';
import * as orders from '../modules/dispatch/orders.service.ts';
import * as team from '../modules/dispatch/team.service.ts';
import { villageOffer } from '../modules/dispatch/village-offers.service.ts';
import { DEMO_PASSWORD } from './demo.seed.ts';
import { demoActor } from './demo-actor.ts';

/**
 * The dispatch demo (群众点单): the service menu of 南山区新时代文明实践中心 and of two street posts
 * (南头街道, 粤海街道), the teams that deliver it, a post admin per street, a team admin, a resident with
 * a verified phone, and orders in every state, all made through the real use cases (validated, audited,
 * timed). Categories and items follow what Shenzhen's practice centres publish; people are made up.
 */
const NANSHAN = '440305000000';
const NANTOU = '440305001000';
const YUEHAI = '440305007000';
const NANTOUCHENG = '440305001001'; // 南头城社区

const TEAMS = [
  { name: '南山区医师志愿服务队', region: NANSHAN },
  { name: '南山区法律服务志愿队', region: NANSHAN },
  { name: '南头街道长者关爱志愿队', region: NANTOU },
  { name: '粤海街道科技志愿服务队', region: YUEHAI },
] as const;

type TeamName = (typeof TEAMS)[number]['name'];
const MENU: { unit: string; category: string; title: string; description: string; teams: TeamName[] }[] = [
  {
    unit: NANSHAN,
    category: '理论宣讲',
    title: '党的创新理论进社区宣讲',
    description: '宣讲团到社区、楼宇、企业开展 30–60 分钟的政策宣讲和互动问答，可按需定制主题。',
    teams: [],
  },
  {
    unit: NANSHAN,
    category: '法律服务',
    title: '法律咨询进社区',
    description: '执业律师志愿者现场或上门解答婚姻家庭、劳动争议、物业纠纷等法律问题。',
    teams: ['南山区法律服务志愿队'],
  },
  {
    unit: NANSHAN,
    category: '法律服务',
    title: '防诈骗宣传讲座',
    description: '结合真实案例讲解电信网络诈骗常见手法，帮助老年人装好国家反诈中心 App。',
    teams: ['南山区法律服务志愿队'],
  },
  {
    unit: NANSHAN,
    category: '健康义诊',
    title: '社区健康义诊',
    description: '医师志愿者测量血压血糖、解读体检报告、提供慢病用药咨询。',
    teams: ['南山区医师志愿服务队'],
  },
  {
    unit: NANSHAN,
    category: '健康义诊',
    title: '心理健康疏导',
    description: '心理咨询师一对一倾听与疏导，面向青少年、独居长者和照护者。',
    teams: ['南山区医师志愿服务队'],
  },
  {
    unit: NANSHAN,
    category: '科普教育',
    title: '青少年科普课堂',
    description: '科技企业志愿者带来编程、机器人、航天等科普课，适合 8–14 岁。',
    teams: ['粤海街道科技志愿服务队'],
  },
  {
    unit: NANSHAN,
    category: '文化文艺',
    title: '送戏曲进社区',
    description: '粤剧、潮剧志愿者团队到社区广场或长者食堂演出。',
    teams: [],
  },
  {
    unit: NANSHAN,
    category: '环境保护',
    title: '垃圾分类入户指导',
    description: '志愿者上门或在投放点指导居民准确分类，发放宣传资料。',
    teams: ['南头街道长者关爱志愿队'],
  },
  {
    unit: NANTOU,
    category: '关爱帮扶',
    title: '独居长者上门探访',
    description: '每周上门陪伴聊天、检查水电燃气安全、代购生活用品。',
    teams: ['南头街道长者关爱志愿队'],
  },
  {
    unit: NANTOU,
    category: '关爱帮扶',
    title: '助餐送餐',
    description: '为行动不便的长者从长者食堂送餐上门。',
    teams: ['南头街道长者关爱志愿队'],
  },
  {
    unit: NANTOU,
    category: '便民服务',
    title: '小家电义务维修',
    description: '每月第二个周六在南头古城广场设点，也可预约上门维修电风扇、电饭煲等。',
    teams: ['南头街道长者关爱志愿队'],
  },
  {
    unit: YUEHAI,
    category: '科普教育',
    title: '长者智能手机课堂',
    description: '教长者使用微信视频、健康码、网上挂号和防诈骗设置。',
    teams: ['粤海街道科技志愿服务队'],
  },
  {
    unit: YUEHAI,
    category: '便民服务',
    title: '电脑手机义务维修',
    description: '科技园企业志愿者为居民检修电脑、手机，清理病毒。',
    teams: ['粤海街道科技志愿服务队'],
  },
];

const HOUR = 3600_000;

export async function seedDemoDispatch(db: Database, config: Config): Promise<number> {
  const now = new Date();
  const hash = await hashPassword(DEMO_PASSWORD);
  const teams = new Map<string, string>();
  for (const t of TEAMS) {
    const row = await db
      .insertInto('organizations')
      .values({ name: t.name, region_code: t.region, person_in_charge: '负责人', contact_name: '联系人' })
      .returning('id')
      .executeTakeFirstOrThrow();
    teams.set(t.name, row.id);
  }
  const accounts: { username: string; name: string; region?: string; org?: TeamName; phone?: string }[] = [
    { username: 'nt.post', name: '南头街道文明实践所 何丽', region: NANTOU },
    { username: 'yh.post', name: '粤海街道文明实践所 邓超', region: YUEHAI },
    // The station of a village (community): its staff offer the village's own services (村供单).
    { username: 'ntc.station', name: '南头城社区文明实践站 周敏', region: NANTOUCHENG },
    { username: 'team.admin', name: '南头街道长者关爱志愿队 梁伟', org: '南头街道长者关爱志愿队' },
    { username: 'resident', name: '居民 陈阿姨', phone: '13912340001' },
  ];
  for (const a of accounts) {
    const u = await db
      .insertInto('users')
      .values({
        username: a.username,
        display_name: a.name,
        password_hash: hash,
        phone_bidx: a.phone ? phoneIndex({ config }, a.phone) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (a.region || a.org)
      await db
        .insertInto('role_grants')
        .values({
          user_id: u.id,
          role: a.region ? 'region_admin' : 'org_admin',
          region_code: a.region ?? null,
          org_id: a.org ? teams.get(a.org)! : null,
        })
        .execute();
  }

  // Orders placed over the last few days, so the board shows ages and the counts stage times.
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const as = async (username: string, hoursAgo: number) => {
    const now = at(hoursAgo);
    const ctx = await demoActor(db, config, username, () => now);
    if (!ctx) throw new Error(`demo dispatch: no account ${username}`);
    return ctx;
  };
  const items = new Map<string, string>();
  for (const m of MENU) {
    const unitAdmin = m.unit === NANSHAN ? 'ns.admin' : m.unit === NANTOU ? 'nt.post' : 'yh.post';
    const item = await addItem(await as(unitAdmin, 200), {
      region: m.unit,
      category: m.category,
      title: m.title,
      description: m.description,
      teamIds: m.teams.map((n) => teams.get(n)!),
      reviewDays: 1,
      dispatchDays: 1,
      acceptDays: 1,
      escalateDays: 1,
      followUpDays: 1,
    });
    items.set(m.title, item.id);
  }
  const community = NANTOUCHENG;
  const resident = async (title: string, hoursAgo: number, description: string, address: string) =>
    (
      await orders.order(await as('resident', hoursAgo), {
        itemId: items.get(title)!,
        description,
        photos: [],
        region: community,
        address,
        preferredAt: new Date(now.getTime() + 72 * HOUR).toISOString(),
        phone: '13912340001',
      })
    ).id;
  const wo = (people: number) => ({
    scope: '按群众需求上门服务，服务后填写结项报告。',
    skills: [] as string[],
    peopleNeeded: people,
    deadline: new Date(now.getTime() + 96 * HOUR).toISOString(),
  });
  const elderTeam = teams.get('南头街道长者关爱志愿队')!;

  // 待审核
  await resident(
    '独居长者上门探访',
    3,
    '母亲独居，子女在外地，希望每周有人上门看看。',
    '南头城社区中山南街 12 号 2 楼',
  );
  // 待派单 (work order made)
  const ready = await resident(
    '助餐送餐',
    30,
    '老伴腿脚不便，午餐需要送到家。',
    '南头城社区朝阳南街 5 号 501',
  );
  await orders.makeWorkOrder(await as('nt.post', 28), ready, wo(1));
  // 待接单 (offered to the team)
  const offered = await resident('小家电义务维修', 6, '电饭煲不加热了，想请人看看。', '南头城社区九街 3 号');
  await orders.makeWorkOrder(await as('nt.post', 5), offered, wo(1));
  await orders.dispatch(await as('nt.post', 4), offered, { to: 'team', orgId: elderTeam, note: '' });
  // 服务中: the district dispatched down to the street post, which dispatched to the team
  const serving = await resident(
    '垃圾分类入户指导',
    70,
    '小区新设分类投放点，老人们不会分。',
    '南头城社区南城苑 1 栋',
  );
  await orders.makeWorkOrder(await as('ns.admin', 68), serving, wo(2));
  await orders.dispatch(await as('ns.admin', 67), serving, {
    to: 'unit',
    region: NANTOU,
    note: '请南头街道安排',
  });
  await orders.dispatch(await as('nt.post', 60), serving, { to: 'team', orgId: elderTeam, note: '' });
  await team.accept(await as('team.admin', 55), serving);
  // 已完成 and rated
  const done = await resident(
    '独居长者上门探访',
    120,
    '父亲刚出院，需要有人陪同复诊。',
    '南头城社区中山东街 8 号',
  );
  await orders.makeWorkOrder(await as('nt.post', 118), done, wo(1));
  await orders.dispatch(await as('nt.post', 117), done, { to: 'team', orgId: elderTeam, note: '' });
  await team.accept(await as('team.admin', 110), done);
  await team.complete(await as('team.admin', 90), done, {
    report: '志愿者梁伟陪同老人到南山医院复诊，取药后送回家，约 3 小时。',
    volunteerIds: [],
    photos: [],
  });
  await team.rate(await as('resident', 80), done, { score: 5, comment: '志愿者很耐心，谢谢！' });
  // 已拒绝
  const refused = await resident('小家电义务维修', 20, '想请人帮忙装修厨房。', '南头城社区九街 3 号');
  await orders.reject(await as('nt.post', 18), refused, '厨房装修不属于志愿服务范围，建议联系正规装修公司。');
  // 抢单中 (a district item open to its eligible teams)
  const open = await resident(
    '法律咨询进社区',
    26,
    '租房押金被房东扣留，想咨询怎么办。',
    '南头城社区朝阳北街 2 号',
  );
  await orders.makeWorkOrder(await as('ns.admin', 24), open, wo(1));
  await orders.dispatch(await as('ns.admin', 23), open, { to: 'grab', note: '' });

  // 供单: the elder team offers two services to its street's post; one waits for review, one was refused.
  const offerOf = async (hoursAgo: number, category: string, title: string, description: string) =>
    offer(await as('team.admin', hoursAgo), {
      orgId: elderTeam,
      region: NANTOU,
      category,
      title,
      description,
    });
  await offerOf(
    30,
    '便民服务',
    '长者智能手机教学',
    '每周三下午在社区党群服务中心一对一教老人用手机挂号、视频通话、防范电信诈骗。',
  );
  const dance = await offerOf(50, '文体活动', '广场舞编排指导', '为社区广场舞队编排新舞蹈，每月两次。');
  await decideOffer(await as('nt.post', 40), dance.id, {
    decision: 'refused',
    reason: '街道文体站已开设同类课程，建议与文体站联合开展。',
  });
  // 村供单: 南头城社区 offers its elders' canteen delivery to the street's post, which approved it; the whole
  // street (南头街道) orders it, and its orders go to the village's station first.
  const canteen = await villageOffer(await as('ntc.station', 46), {
    region: NANTOUCHENG,
    to: NANTOU,
    category: '助老服务',
    title: '社区长者饭堂送餐',
    description: '南头城社区长者饭堂每天中午为街道内行动不便的长者送餐上门，另收餐费，志愿者送达。',
    teamIds: [elderTeam],
  });
  await decideOffer(await as('nt.post', 44), canteen.id, { decision: 'approved', reason: '' });
  // A resident of 大新社区 (the same street, another village) orders it; the post made the work order and
  // may send it to 南头城社区's station.
  const meal = (
    await orders.order(await as('resident', 8), {
      itemId: canteen.id,
      description: '母亲刚做完手术，这两周中午需要送餐到家。',
      photos: [],
      region: '440305001003', // 大新社区
      address: '大新社区大新路 66 号 4 栋 302',
      preferredAt: new Date(now.getTime() + 48 * HOUR).toISOString(),
      phone: '13912340001',
    })
  ).id;
  await orders.makeWorkOrder(await as('nt.post', 7), meal, wo(1));
  return 7;
}
