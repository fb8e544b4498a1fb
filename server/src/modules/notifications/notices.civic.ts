import type { Locale, Text } from '@yiqi/shared/i18n';
import type { CivicCategory } from '@yiqi/shared/contracts/civic';

/** What a civic-case notice carries: the category, the deadline (China date) and points credited. */
export interface CivicNoticeData {
  category?: CivicCategory;
  /** The round's deadline as a China date (YYYY-MM-DD). */
  dueOn?: string;
  points?: number;
}

type Kind =
  | 'civic_case_routed'
  | 'civic_case_handled'
  | 'civic_case_reopened'
  | 'civic_case_overdue'
  | 'civic_case_rectified';
type Texts = Record<Kind, { title: Text; body: (d: CivicNoticeData) => Text }>;

/** The categories' names as the report form shows them (web features/civic/messages.ts). */
const CATEGORY: Record<CivicCategory, Text> = {
  environment: { 'zh-CN': '环境卫生', 'zh-HK': '環境衞生', en: 'sanitation' },
  traffic: { 'zh-CN': '交通秩序', 'zh-HK': '交通秩序', en: 'traffic order' },
  public_facilities: { 'zh-CN': '公共设施', 'zh-HK': '公共設施', en: 'public facilities' },
  illegal_ads: { 'zh-CN': '乱张贴', 'zh-HK': '亂張貼', en: 'illegal posters' },
  street_vending: { 'zh-CN': '占道经营', 'zh-HK': '佔道經營', en: 'street vending' },
  noise: { 'zh-CN': '噪音扰民', 'zh-HK': '噪音擾民', en: 'noise' },
  greening: { 'zh-CN': '绿化损坏', 'zh-HK': '綠化損壞', en: 'damaged greenery' },
  civility: { 'zh-CN': '不文明行为', 'zh-HK': '不文明行為', en: 'uncivil behaviour' },
  other: { 'zh-CN': '其他', 'zh-HK': '其他', en: 'other' },
};
const cat = (d: CivicNoticeData, l: Locale) => (d.category ? CATEGORY[d.category][l] : '');

/**
 * Issue 16, 随手拍: the unit hears of a case routed or reopened to it and of one past its deadline; the
 * reporter hears that the unit handled their report (to check and rate it) and, when a supervisor checked
 * it, that it was rectified with the points earned. Only the category, the deadline and the points are
 * stored with a notice: never the reporter's name (anonymous reports stay anonymous) nor the text.
 */
export const CIVIC_NOTICE_TEXT: Texts = {
  civic_case_routed: {
    title: { 'zh-CN': '新的随手拍案件', 'zh-HK': '新的隨手拍個案', en: 'New civic report to handle' },
    body: (d) => ({
      'zh-CN': `一件“${cat(d, 'zh-CN')}”问题已转交您的单位，请在 ${d.dueOn} 前处理并上传整改照片。`,
      'zh-HK': `一件「${cat(d, 'zh-HK')}」問題已轉交您的單位，請在 ${d.dueOn} 前處理並上傳整改照片。`,
      en: `A ${cat(d, 'en')} report was routed to your unit; please handle it and upload proof by ${d.dueOn}.`,
    }),
  },
  civic_case_handled: {
    title: { 'zh-CN': '您反映的问题已处理', 'zh-HK': '您反映的問題已處理', en: 'Your report was handled' },
    body: (d) => ({
      'zh-CN': `您反映的“${cat(d, 'zh-CN')}”问题已由责任单位处理，请查看整改照片并评价；不满意可退回重新处理。`,
      'zh-HK': `您反映的「${cat(d, 'zh-HK')}」問題已由責任單位處理，請查看整改照片並評價；不滿意可退回重新處理。`,
      en: `The unit handled your ${cat(d, 'en')} report: please look at the proof and rate it; if you are not satisfied it goes back to them.`,
    }),
  },
  civic_case_reopened: {
    title: { 'zh-CN': '随手拍案件被退回', 'zh-HK': '隨手拍個案被退回', en: 'Civic report reopened' },
    body: (d) => ({
      'zh-CN': `“${cat(d, 'zh-CN')}”问题的整改未获认可，已退回您的单位重新处理，请在 ${d.dueOn} 前处理。`,
      'zh-HK': `「${cat(d, 'zh-HK')}」問題的整改未獲認可，已退回您的單位重新處理，請在 ${d.dueOn} 前處理。`,
      en: `The fix of a ${cat(d, 'en')} report was not accepted; it is back with your unit, due ${d.dueOn}.`,
    }),
  },
  civic_case_overdue: {
    title: { 'zh-CN': '随手拍案件已超期', 'zh-HK': '隨手拍個案已超期', en: 'Civic report overdue' },
    body: (d) => ({
      'zh-CN': `“${cat(d, 'zh-CN')}”问题已超过处理期限（${d.dueOn}），请尽快处理。`,
      'zh-HK': `「${cat(d, 'zh-HK')}」問題已超過處理期限（${d.dueOn}），請盡快處理。`,
      en: `A ${cat(d, 'en')} report passed its deadline (${d.dueOn}); please handle it now.`,
    }),
  },
  civic_case_rectified: {
    title: { 'zh-CN': '您反映的问题已整改', 'zh-HK': '您反映的問題已整改', en: 'Your report was rectified' },
    body: (d) =>
      d.points
        ? {
            'zh-CN': `您反映的“${cat(d, 'zh-CN')}”问题已整改完毕，感谢您的监督，您获得 ${d.points} 积分。`,
            'zh-HK': `您反映的「${cat(d, 'zh-HK')}」問題已整改完畢，感謝您的監督，您獲得 ${d.points} 積分。`,
            en: `Your ${cat(d, 'en')} report was rectified. Thank you: you earned ${d.points} points.`,
          }
        : {
            'zh-CN': `您反映的“${cat(d, 'zh-CN')}”问题已整改完毕，感谢您的监督。`,
            'zh-HK': `您反映的「${cat(d, 'zh-HK')}」問題已整改完畢，感謝您的監督。`,
            en: `Your ${cat(d, 'en')} report was rectified. Thank you.`,
          },
  },
};
