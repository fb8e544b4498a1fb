import type { Text } from '@yiqi/shared/i18n';

type Data = { title?: string; reason?: string; fromUnit?: string };
type Entry = { title: Text; body: (d: Data) => Text };

/**
 * The texts of the dispatch module's notices (issue 13): the resident hears of each step of their order,
 * the holder of an overdue order is reminded, a volunteer hears of an invitation. Only the item's title and
 * the reason are stored with a notice; never the resident's contact.
 */
export const DISPATCH_TEXT = {
  dispatch_order_accepted: {
    title: { 'zh-CN': '您的点单已有团队接单', 'zh-HK': '您的點單已有團隊接單', en: 'A team took your order' },
    body: (d) => ({
      'zh-CN': `您点的“${d.title}”已由服务团队接单，志愿者会与您联系。`,
      'zh-HK': `您點的「${d.title}」已由服務團隊接單，志願者會與您聯繫。`,
      en: `A service team took your order “${d.title}”; a volunteer will contact you.`,
    }),
  },
  dispatch_order_completed: {
    title: { 'zh-CN': '您的点单已完成', 'zh-HK': '您的點單已完成', en: 'Your order is complete' },
    body: (d) => ({
      'zh-CN': `“${d.title}”已完成服务，欢迎您评价。`,
      'zh-HK': `「${d.title}」已完成服務，歡迎您評價。`,
      en: `“${d.title}” has been served; you are welcome to rate it.`,
    }),
  },
  dispatch_order_rejected: {
    title: { 'zh-CN': '您的点单未被受理', 'zh-HK': '您的點單未被受理', en: 'Your order was not taken' },
    body: (d) => ({
      'zh-CN': `很抱歉，“${d.title}”未被受理。原因：${d.reason}`,
      'zh-HK': `很抱歉，「${d.title}」未被受理。原因：${d.reason}`,
      en: `We are sorry: “${d.title}” was not taken. Reason: ${d.reason}`,
    }),
  },
  dispatch_rating_requested: {
    title: { 'zh-CN': '请评价本次服务', 'zh-HK': '請評價本次服務', en: 'Please rate the service' },
    body: (d) => ({
      'zh-CN': `您还没有评价“${d.title}”。您的评价帮助我们改进服务，评价期限届满后将无法评价。`,
      'zh-HK': `您還沒有評價「${d.title}」。您的評價幫助我們改進服務，評價期限屆滿後將無法評價。`,
      en: `You have not rated “${d.title}” yet. Your rating helps us improve; it closes when the rating period ends.`,
    }),
  },
  dispatch_order_overdue: {
    title: { 'zh-CN': '点单办理超时', 'zh-HK': '點單辦理逾時', en: 'An order is overdue' },
    body: (d) => ({
      'zh-CN': `“${d.title}”已超过办理时限，请尽快处理。`,
      'zh-HK': `「${d.title}」已超過辦理時限，請盡快處理。`,
      en: `“${d.title}” is past its deadline; please handle it soon.`,
    }),
  },
  dispatch_order_escalated: {
    title: {
      'zh-CN': '超时点单已升级至本单位',
      'zh-HK': '逾時點單已升級至本單位',
      en: 'An overdue order was escalated to you',
    },
    body: (d) => ({
      'zh-CN': `“${d.title}”在${d.fromUnit}超过办理时限仍未处理，已自动升级至本单位，请尽快处理。`,
      'zh-HK': `「${d.title}」在${d.fromUnit}超過辦理時限仍未處理，已自動升級至本單位，請盡快處理。`,
      en: `“${d.title}” was still not handled at ${d.fromUnit} past its deadline and has been escalated to your unit; please handle it soon.`,
    }),
  },
  dispatch_invitation: {
    title: { 'zh-CN': '服务邀请', 'zh-HK': '服務邀請', en: 'An invitation to serve' },
    body: (d) => ({
      'zh-CN': `您被邀请参与“${d.title}”的服务。是否参加由您决定，请在“我的邀请”中接受或婉拒。`,
      'zh-HK': `您被邀請參與「${d.title}」的服務。是否參加由您決定，請在「我的邀請」中接受或婉拒。`,
      en: `You are invited to serve “${d.title}”. It is up to you: accept or decline under “My invitations”.`,
    }),
  },
} satisfies Record<string, Entry>;
