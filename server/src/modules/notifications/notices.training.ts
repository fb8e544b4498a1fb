import type { Locale, Text } from '@yiqi/shared/i18n';

/** What an expiring-qualification notice carries: the type's names (the catalogue's) and its last day. */
export interface TrainingNoticeData {
  qualificationNames?: Record<Locale, string>;
  /** The last valid day (China date). */
  validUntil?: string;
}

type Texts = Record<'qualification_expiring', { title: Text; body: (d: TrainingNoticeData) => Text }>;

const nameIn = (d: TrainingNoticeData, l: Locale) => d.qualificationNames?.[l] ?? '';

/** The text telling a holder their qualification enters its last 30 days, and how to renew it. */
export const TRAINING_NOTICE_TEXT: Texts = {
  qualification_expiring: {
    title: { 'zh-CN': '资质即将到期', 'zh-HK': '資質即將到期', en: 'Qualification expiring' },
    body: (d) => ({
      'zh-CN': `您的“${nameIn(d, 'zh-CN')}”资质有效期至 ${d.validUntil}。到期后将无法报名要求该资质的岗位；再次完成授予该资质的培训课程即可续期，或上传新的证书待审核。`,
      'zh-HK': `您的「${nameIn(d, 'zh-HK')}」資質有效期至 ${d.validUntil}。到期後將無法報名要求該資質的崗位；再次完成授予該資質的培訓課程即可續期，或上傳新的證書待審核。`,
      en: `Your “${nameIn(d, 'en')}” qualification is valid until ${d.validUntil}. After that you cannot sign up for positions that require it; complete the course that grants it again to renew, or upload a new certificate for review.`,
    }),
  },
};
