import type { Text } from '@yiqi/shared/i18n';

/** Languages a volunteer may offer, as BCP 47 tags (what the API stores) with their names. */
export const LANGUAGE_NAMES: Record<string, Text> = {
  zh: { 'zh-CN': '普通话', 'zh-HK': '普通話', en: 'Mandarin' },
  yue: { 'zh-CN': '粤语', 'zh-HK': '粵語', en: 'Cantonese' },
  hak: { 'zh-CN': '客家话', 'zh-HK': '客家話', en: 'Hakka' },
  nan: { 'zh-CN': '闽南语（含潮汕话）', 'zh-HK': '閩南語（含潮汕話）', en: 'Min Nan (incl. Teochew)' },
  en: { 'zh-CN': '英语', 'zh-HK': '英語', en: 'English' },
  ja: { 'zh-CN': '日语', 'zh-HK': '日語', en: 'Japanese' },
  ko: { 'zh-CN': '韩语', 'zh-HK': '韓語', en: 'Korean' },
  fr: { 'zh-CN': '法语', 'zh-HK': '法語', en: 'French' },
  de: { 'zh-CN': '德语', 'zh-HK': '德語', en: 'German' },
  es: { 'zh-CN': '西班牙语', 'zh-HK': '西班牙語', en: 'Spanish' },
  pt: { 'zh-CN': '葡萄牙语', 'zh-HK': '葡萄牙語', en: 'Portuguese' },
  ru: { 'zh-CN': '俄语', 'zh-HK': '俄語', en: 'Russian' },
  ar: { 'zh-CN': '阿拉伯语', 'zh-HK': '阿拉伯語', en: 'Arabic' },
  th: { 'zh-CN': '泰语', 'zh-HK': '泰語', en: 'Thai' },
  vi: { 'zh-CN': '越南语', 'zh-HK': '越南語', en: 'Vietnamese' },
  csl: { 'zh-CN': '中国手语', 'zh-HK': '中國手語', en: 'Chinese Sign Language' },
};
