import type { Text } from '@yiqi/shared/i18n';

/** What the certificate and overdue-record notices carry (only parameters are stored; text is rendered). */
export interface RecordNoticeData {
  /** certificate_issued: its number; the issuing unit; the hours it certifies. */
  number?: string;
  orgName?: string;
  minutes?: number;
  /** certificate_rejected: why. */
  reason?: string;
  /** records_overdue: how many drafts are past their due date, the oldest due date. */
  records?: number;
  since?: string;
}

type Texts = Record<
  'certificate_issued' | 'certificate_rejected' | 'records_overdue',
  { title: Text; body: (d: RecordNoticeData) => Text }
>;

const hours = (minutes = 0) => (minutes / 60).toFixed(1);

/** The texts of certificate decisions (to the volunteer) and overdue records (to the unit's admins). */
export const RECORD_NOTICE_TEXT: Texts = {
  certificate_issued: {
    title: { 'zh-CN': '服务证明已出具', 'zh-HK': '服務證明已出具', en: 'Certificate issued' },
    body: (d) => ({
      'zh-CN': `“${d.orgName}”已为您出具志愿服务证明（编号 ${d.number}，${hours(d.minutes)} 小时），可在“我的证明”下载，任何人可凭编号查验。`,
      'zh-HK': `「${d.orgName}」已為您出具志願服務證明（編號 ${d.number}，${hours(d.minutes)} 小時），可在「我的證明」下載，任何人可憑編號查驗。`,
      en: `“${d.orgName}” issued your volunteer service certificate (No. ${d.number}, ${hours(d.minutes)} h). Download it under My certificates; anyone can verify it by its number.`,
    }),
  },
  certificate_rejected: {
    title: { 'zh-CN': '证明申请未通过', 'zh-HK': '證明申請未通過', en: 'Certificate request declined' },
    body: (d) => ({
      'zh-CN': `“${d.orgName}”未出具您申请的服务证明。原因：${d.reason}。您可以补充后再次申请。`,
      'zh-HK': `「${d.orgName}」未出具您申請的服務證明。原因：${d.reason}。您可以補充後再次申請。`,
      en: `“${d.orgName}” did not issue the certificate you asked for. Reason: ${d.reason}. You may ask again.`,
    }),
  },
  records_overdue: {
    title: { 'zh-CN': '服务记录逾期未登记', 'zh-HK': '服務記錄逾期未登記', en: 'Service records overdue' },
    body: (d) => ({
      'zh-CN': `“${d.orgName}”有 ${d.records} 条服务记录已超过 10 个工作日未提交确认（最早应于 ${d.since} 前登记），请尽快处理，以免影响志愿者的时长。`,
      'zh-HK': `「${d.orgName}」有 ${d.records} 條服務記錄已超過 10 個工作日未提交確認（最早應於 ${d.since} 前登記），請盡快處理，以免影響志願者的時數。`,
      en: `“${d.orgName}” has ${d.records} service record(s) not submitted within 10 working days (the oldest was due by ${d.since}). Please record them soon so volunteers' hours count.`,
    }),
  },
};
