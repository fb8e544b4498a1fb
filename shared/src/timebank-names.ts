import type { Text } from './i18n.ts';
import type { ACCOUNT_KINDS, FAMILY_RELATIONS, TRANSFER_KINDS } from './contracts/timebank.ts';

/** Names of the time bank's account kinds, transfer kinds and family relations (web and exports). */

export const ACCOUNT_KIND_NAMES: Record<(typeof ACCOUNT_KINDS)[number], Text> = {
  issuance: { 'zh-CN': '积分发行', 'zh-HK': '積分發行', en: 'Issuance' },
  pool: { 'zh-CN': '公益池', 'zh-HK': '公益池', en: 'Donation pool' },
  grant_fund: { 'zh-CN': '资助基金', 'zh-HK': '資助基金', en: 'Grant fund' },
  services: { 'zh-CN': '服务兑换', 'zh-HK': '服務兌換', en: 'Services' },
  volunteer: { 'zh-CN': '个人账户', 'zh-HK': '個人賬戶', en: 'Volunteer' },
  team: { 'zh-CN': '团队账户', 'zh-HK': '團隊賬戶', en: 'Team' },
  family: { 'zh-CN': '亲属账户', 'zh-HK': '親屬賬戶', en: 'Family' },
  elder: { 'zh-CN': '受助长者', 'zh-HK': '受助長者', en: 'Elder' },
  hold: { 'zh-CN': '预约冻结', 'zh-HK': '預約凍結', en: 'Booking hold' },
};

export const TRANSFER_KIND_NAMES: Record<(typeof TRANSFER_KINDS)[number], Text> = {
  deposit: { 'zh-CN': '服务存入', 'zh-HK': '服務存入', en: 'Deposit' },
  deposit_reversal: { 'zh-CN': '更正扣回', 'zh-HK': '更正扣回', en: 'Deposit reversed' },
  cap_excess: { 'zh-CN': '超限转入公益池', 'zh-HK': '超限轉入公益池', en: 'Over cap to pool' },
  donation: { 'zh-CN': '捐赠', 'zh-HK': '捐贈', en: 'Donation' },
  family: { 'zh-CN': '转给亲属', 'zh-HK': '轉給親屬', en: 'To family' },
  hold: { 'zh-CN': '预约冻结', 'zh-HK': '預約凍結', en: 'Held for booking' },
  settle: { 'zh-CN': '服务结算', 'zh-HK': '服務結算', en: 'Settled' },
  release: { 'zh-CN': '冻结退回', 'zh-HK': '凍結退回', en: 'Released' },
  grant: { 'zh-CN': '社区资助', 'zh-HK': '社區資助', en: 'Community grant' },
  reversal: { 'zh-CN': '冲正', 'zh-HK': '沖正', en: 'Reversal' },
  expiry: { 'zh-CN': '积分过期', 'zh-HK': '積分過期', en: 'Expired' },
};

export const RELATION_NAMES: Record<(typeof FAMILY_RELATIONS)[number], Text> = {
  parent: { 'zh-CN': '父母', 'zh-HK': '父母', en: 'Parent' },
  spouse: { 'zh-CN': '配偶', 'zh-HK': '配偶', en: 'Spouse' },
  child: { 'zh-CN': '子女', 'zh-HK': '子女', en: 'Child' },
  grandparent: { 'zh-CN': '祖父母/外祖父母', 'zh-HK': '祖父母/外祖父母', en: 'Grandparent' },
  sibling: { 'zh-CN': '兄弟姐妹', 'zh-HK': '兄弟姊妹', en: 'Sibling' },
  parent_in_law: { 'zh-CN': '配偶父母', 'zh-HK': '配偶父母', en: 'Parent-in-law' },
};
