import type { Text } from './i18n.ts';

/**
 * Service categories as the national volunteer information system lists them (DOMAIN.md "Service
 * categories"); the codes are ours and stable, so stored preferences survive a renamed label.
 */
export const SERVICE_CATEGORIES = [
  'community',
  'poverty_relief',
  'education',
  'health',
  'legal',
  'environment',
  'science',
  'culture_arts',
  'public_safety',
  'civility',
  'traffic',
  'firefighting',
  'emergency_rescue',
  'drug_prevention',
  'sports',
  'tourism',
  'special_groups',
  'large_events',
  'overseas',
  'tax',
  'epidemic_prevention',
  'other',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const CATEGORY_NAMES: Record<ServiceCategory, Text> = {
  community: { 'zh-CN': '社区服务', 'zh-HK': '社區服務', en: 'Community service' },
  poverty_relief: { 'zh-CN': '扶贫减贫', 'zh-HK': '扶貧減貧', en: 'Poverty relief' },
  education: { 'zh-CN': '支教助学', 'zh-HK': '支教助學', en: 'Education support' },
  health: { 'zh-CN': '卫生健康', 'zh-HK': '衞生健康', en: 'Health' },
  legal: { 'zh-CN': '法律服务', 'zh-HK': '法律服務', en: 'Legal services' },
  environment: { 'zh-CN': '生态环保', 'zh-HK': '生態環保', en: 'Environment' },
  science: { 'zh-CN': '科技科普', 'zh-HK': '科技科普', en: 'Science' },
  culture_arts: { 'zh-CN': '文化艺术', 'zh-HK': '文化藝術', en: 'Culture and arts' },
  public_safety: { 'zh-CN': '平安综治', 'zh-HK': '平安綜治', en: 'Public safety' },
  civility: { 'zh-CN': '文明风尚', 'zh-HK': '文明風尚', en: 'Civility' },
  traffic: { 'zh-CN': '交通引导', 'zh-HK': '交通引導', en: 'Traffic guidance' },
  firefighting: { 'zh-CN': '志愿消防', 'zh-HK': '志願消防', en: 'Volunteer firefighting' },
  emergency_rescue: { 'zh-CN': '应急救援', 'zh-HK': '應急救援', en: 'Emergency rescue' },
  drug_prevention: { 'zh-CN': '禁毒宣传', 'zh-HK': '禁毒宣傳', en: 'Drug prevention' },
  sports: { 'zh-CN': '体育健身', 'zh-HK': '體育健身', en: 'Sports' },
  tourism: { 'zh-CN': '旅游服务', 'zh-HK': '旅遊服務', en: 'Tourism' },
  special_groups: { 'zh-CN': '关爱特殊群体', 'zh-HK': '關愛特殊群體', en: 'Care for special groups' },
  large_events: { 'zh-CN': '大型赛会', 'zh-HK': '大型賽會', en: 'Large events' },
  overseas: { 'zh-CN': '海外服务', 'zh-HK': '海外服務', en: 'Overseas service' },
  tax: { 'zh-CN': '税务服务', 'zh-HK': '稅務服務', en: 'Tax services' },
  epidemic_prevention: { 'zh-CN': '疫情防控', 'zh-HK': '疫情防控', en: 'Epidemic prevention' },
  other: { 'zh-CN': '其他', 'zh-HK': '其他', en: 'Other' },
};

/** Whom a service is for (DOMAIN.md "Service targets"). */
export const SERVICE_TARGETS = [
  'children',
  'women',
  'elderly',
  'disabled',
  'veterans_families',
  'poor_families',
  'special_groups',
  'patients',
  'residents',
  'public',
] as const;
export type ServiceTarget = (typeof SERVICE_TARGETS)[number];

export const TARGET_NAMES: Record<ServiceTarget, Text> = {
  children: { 'zh-CN': '儿童', 'zh-HK': '兒童', en: 'Children' },
  women: { 'zh-CN': '妇女', 'zh-HK': '婦女', en: 'Women' },
  elderly: { 'zh-CN': '老年人', 'zh-HK': '長者', en: 'The elderly' },
  disabled: { 'zh-CN': '残疾人', 'zh-HK': '殘疾人士', en: 'People with disabilities' },
  veterans_families: { 'zh-CN': '优抚对象', 'zh-HK': '優撫對象', en: "Veterans' families" },
  poor_families: { 'zh-CN': '困难家庭', 'zh-HK': '困難家庭', en: 'Poor families' },
  special_groups: { 'zh-CN': '特殊群体', 'zh-HK': '特殊群體', en: 'Special groups' },
  patients: { 'zh-CN': '病患者', 'zh-HK': '病患者', en: 'Patients' },
  residents: { 'zh-CN': '城乡居民', 'zh-HK': '城鄉居民', en: 'Rural and urban residents' },
  public: { 'zh-CN': '社会公众', 'zh-HK': '社會公眾', en: 'The public' },
};
