import { defineMessages } from '../../lib/i18n.tsx';

/**
 * The region admins' own queue: certificates of records whose unit was dissolved and left no successor or
 * superior organization, which the region issues itself.
 */
export const regionQueueMessages = defineMessages(
  {
    byOrg: '按组织',
    regionQueue: '本区域代为出具',
    regionQueueHint: '记录单位已注销且没有继任组织或上级组织的证明申请，由区域管理员以主管部门名义出具。',
    issuerName: '出具单位',
    issuerNamePlaceholder: '默认：所在区域 + 志愿服务主管部门',
    personInCharge: '负责人',
    personInChargeRequired: '请填写出具单位的负责人',
    regionIssueNote: '记录单位已注销且无继任或上级组织，由本区域出具；请填写出具单位负责人。',
  },
  {
    byOrg: '按組織',
    regionQueue: '本區域代為出具',
    regionQueueHint: '記錄單位已註銷且沒有繼任組織或上級組織的證明申請，由區域管理員以主管部門名義出具。',
    issuerName: '出具單位',
    issuerNamePlaceholder: '預設：所在區域 + 志願服務主管部門',
    personInCharge: '負責人',
    personInChargeRequired: '請填寫出具單位的負責人',
    regionIssueNote: '記錄單位已註銷且無繼任或上級組織，由本區域出具；請填寫出具單位負責人。',
  },
  {
    byOrg: 'By organization',
    regionQueue: 'Issued by this region',
    regionQueueHint:
      'Requests whose recording unit was dissolved and left no successor or superior organization: the region admins issue them in the name of the competent department.',
    issuerName: 'Issuing body',
    issuerNamePlaceholder: 'By default: the region + 志愿服务主管部门',
    personInCharge: 'Person in charge',
    personInChargeRequired: "Enter the issuing body's person in charge",
    regionIssueNote:
      'The recording unit was dissolved and left no successor or superior: this region issues it; name the person in charge.',
  },
);
