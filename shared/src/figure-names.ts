import type { AgeBand, FigureKey, GENDERS } from './contracts/statistics.ts';
import type { Text } from './i18n.ts';

/** The name of each figure (docs/statistics.md), for the console, the export and the printed report. */
export const FIGURE_NAMES: Record<FigureKey, Text> = {
  registered: { 'zh-CN': '注册志愿者', 'zh-HK': '註冊義工', en: 'Registered volunteers' },
  newRegistered: { 'zh-CN': '新注册', 'zh-HK': '新註冊', en: 'New registrations' },
  verifiedShare: { 'zh-CN': '实名核验率', 'zh-HK': '實名核驗率', en: 'Verified share' },
  growth: { 'zh-CN': '同比增长', 'zh-HK': '按年增長', en: 'Growth over a year' },
  population: { 'zh-CN': '常住人口', 'zh-HK': '常住人口', en: 'Resident population' },
  coverage: { 'zh-CN': '注册率', 'zh-HK': '註冊率', en: 'Coverage' },
  active: { 'zh-CN': '活跃志愿者', 'zh-HK': '活躍義工', en: 'Active volunteers' },
  activeShare: { 'zh-CN': '活跃率', 'zh-HK': '活躍率', en: 'Active share' },
  hours: { 'zh-CN': '服务时长（小时）', 'zh-HK': '服務時數（小時）', en: 'Hours served' },
  hoursPerRegisteredYear: {
    'zh-CN': '人均年服务时长（注册）',
    'zh-HK': '人均年服務時數（註冊）',
    en: 'Hours per registered volunteer per year',
  },
  hoursPerActiveYear: {
    'zh-CN': '人均年服务时长（活跃）',
    'zh-HK': '人均年服務時數（活躍）',
    en: 'Hours per active volunteer per year',
  },
  activitiesHeld: { 'zh-CN': '开展活动', 'zh-HK': '開展活動', en: 'Activities held' },
  positionsOffered: { 'zh-CN': '提供岗位', 'zh-HK': '提供崗位', en: 'Places offered' },
  positionsFilled: { 'zh-CN': '已录用岗位', 'zh-HK': '已錄用崗位', en: 'Places filled' },
  fillRate: { 'zh-CN': '岗位满员率', 'zh-HK': '崗位滿員率', en: 'Fill rate' },
  organizations: { 'zh-CN': '志愿服务组织', 'zh-HK': '義工服務組織', en: 'Organizations' },
  teams: { 'zh-CN': '下属队伍', 'zh-HK': '下屬隊伍', en: 'Teams' },
  activeTeams: { 'zh-CN': '活跃组织', 'zh-HK': '活躍組織', en: 'Active organizations' },
  recordsOnTime: { 'zh-CN': '按时确认记录', 'zh-HK': '按時確認記錄', en: 'Records confirmed on time' },
  recordsOverdue: { 'zh-CN': '逾期确认记录', 'zh-HK': '逾期確認記錄', en: 'Records confirmed late' },
  certificatesIssued: { 'zh-CN': '出具证明', 'zh-HK': '出具證明', en: 'Certificates issued' },
  ordersReceived: { 'zh-CN': '群众点单', 'zh-HK': '群眾點單', en: 'Orders received' },
  ordersDispatched: { 'zh-CN': '已派单', 'zh-HK': '已派單', en: 'Orders dispatched' },
  ordersCompleted: { 'zh-CN': '完成点单', 'zh-HK': '完成點單', en: 'Orders completed' },
  completionRate: { 'zh-CN': '点单完成率', 'zh-HK': '點單完成率', en: 'Completion rate' },
  satisfaction: { 'zh-CN': '群众满意度', 'zh-HK': '群眾滿意度', en: 'Satisfaction' },
  civicReportsFiled: { 'zh-CN': '随手拍上报', 'zh-HK': '隨手拍上報', en: 'Civic reports filed' },
  civicReportsRectified: { 'zh-CN': '随手拍已整改', 'zh-HK': '隨手拍已整改', en: 'Civic reports rectified' },
  rectificationRate: { 'zh-CN': '整改率', 'zh-HK': '整改率', en: 'Rectification rate' },
  starDistribution: { 'zh-CN': '星级分布', 'zh-HK': '星級分佈', en: 'Star levels' },
};

/** Figures that are fractions (shown as percentages). */
export const RATIO_FIGURES: readonly FigureKey[] = [
  'verifiedShare',
  'growth',
  'coverage',
  'activeShare',
  'fillRate',
  'completionRate',
  'satisfaction',
  'rectificationRate',
];

/** Age bands and genders of the breakdowns (console, workbook, printed report). */
export const AGE_BAND_NAMES: Record<AgeBand, Text> = {
  under18: { 'zh-CN': '18岁以下', 'zh-HK': '18歲以下', en: 'Under 18' },
  '18-34': { 'zh-CN': '18–34岁', 'zh-HK': '18–34歲', en: '18–34' },
  '35-59': { 'zh-CN': '35–59岁', 'zh-HK': '35–59歲', en: '35–59' },
  '60+': { 'zh-CN': '60岁及以上', 'zh-HK': '60歲及以上', en: '60 and over' },
  unknown: { 'zh-CN': '未知', 'zh-HK': '未知', en: 'Unknown' },
};
export const GENDER_NAMES: Record<(typeof GENDERS)[number], Text> = {
  female: { 'zh-CN': '女', 'zh-HK': '女', en: 'Female' },
  male: { 'zh-CN': '男', 'zh-HK': '男', en: 'Male' },
  unknown: { 'zh-CN': '未知', 'zh-HK': '未知', en: 'Unknown' },
};
