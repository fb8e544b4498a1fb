import type { Text } from '@yiqi/shared/i18n';

/**
 * The import files' column keys as their template headers name them (the server's imports.columns.ts
 * holds the same names), so an error points at a column the way the spreadsheet shows it.
 */
export const COLUMN_NAMES: Record<string, Text> = {
  name: { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' },
  docType: { 'zh-CN': '证件类型', 'zh-HK': '證件類型', en: 'Document type' },
  docNumber: { 'zh-CN': '证件号码', 'zh-HK': '證件號碼', en: 'Document number' },
  phone: { 'zh-CN': '手机号', 'zh-HK': '手機號碼', en: 'Mobile phone' },
  regionCode: { 'zh-CN': '居住地区划代码', 'zh-HK': '居住地區劃代碼', en: 'Residence region code' },
  birthDate: { 'zh-CN': '出生日期', 'zh-HK': '出生日期', en: 'Birth date' },
  gender: { 'zh-CN': '性别', 'zh-HK': '性別', en: 'Gender' },
  consentRecordedAt: { 'zh-CN': '同意登记时间', 'zh-HK': '同意登記時間', en: 'Consent recorded at' },
  consentEvidence: { 'zh-CN': '同意凭证', 'zh-HK': '同意憑證', en: 'Consent evidence' },
  privacyNoticeVersion: { 'zh-CN': '隐私告知版本', 'zh-HK': '私隱告知版本', en: 'Privacy notice version' },
  volunteerNo: { 'zh-CN': '志愿者编号', 'zh-HK': '義工編號', en: 'Volunteer number' },
  role: { 'zh-CN': '队内角色', 'zh-HK': '隊內角色', en: 'Team role' },
  serviceDate: { 'zh-CN': '服务日期', 'zh-HK': '服務日期', en: 'Service date' },
  activityTitle: { 'zh-CN': '活动名称', 'zh-HK': '活動名稱', en: 'Activity' },
  place: { 'zh-CN': '服务地点', 'zh-HK': '服務地點', en: 'Place' },
  content: { 'zh-CN': '服务内容', 'zh-HK': '服務內容', en: 'Service content' },
  positionName: { 'zh-CN': '岗位', 'zh-HK': '崗位', en: 'Position' },
  hours: { 'zh-CN': '服务时长（小时）', 'zh-HK': '服務時數（小時）', en: 'Hours' },
  personInCharge: { 'zh-CN': '负责人', 'zh-HK': '負責人', en: 'Person in charge' },
};
