import type { Text } from '@yiqi/shared/i18n';

/** What the star-level notices carry: the level, and the notice's end or the reason. */
export interface StarNoticeData {
  level?: number;
  until?: string;
  reason?: string;
}

type Texts = Record<
  'star_noticed' | 'star_rejected' | 'star_certified',
  { title: Text; body: (d: StarNoticeData) => Text }
>;

/** The texts of star-level decisions, to the volunteer they concern. */
export const STAR_NOTICE_TEXT: Texts = {
  star_noticed: {
    title: { 'zh-CN': '星级评定进入公示', 'zh-HK': '星級評定進入公示', en: 'Star level in public notice' },
    body: (d) => ({
      'zh-CN': `您的${d.level}星志愿者申请已通过审核，公示至 ${d.until}；公示期满无异议即予认定。`,
      'zh-HK': `您的${d.level}星志願者申請已通過審核，公示至 ${d.until}；公示期滿無異議即予認定。`,
      en: `Your application for ${d.level} stars passed review and is in public notice until ${d.until}; without objection it is then certified.`,
    }),
  },
  star_rejected: {
    title: { 'zh-CN': '星级申请未通过', 'zh-HK': '星級申請未通過', en: 'Star application declined' },
    body: (d) => ({
      'zh-CN': `您的${d.level}星志愿者申请未通过。原因：${d.reason}`,
      'zh-HK': `您的${d.level}星志願者申請未通過。原因：${d.reason}`,
      en: `Your application for ${d.level} stars was declined. Reason: ${d.reason}`,
    }),
  },
  star_certified: {
    title: { 'zh-CN': '星级认定', 'zh-HK': '星級認定', en: 'Star level certified' },
    body: (d) => ({
      'zh-CN': `恭喜！您已被认定为${d.level}星志愿者，可在“我的星级”查看并享受相应礼遇。`,
      'zh-HK': `恭喜！您已被認定為${d.level}星志願者，可在「我的星級」查看並享受相應禮遇。`,
      en: `Congratulations: you are certified a ${d.level}-star volunteer. See My stars for your perks.`,
    }),
  },
};
