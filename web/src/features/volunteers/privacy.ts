import type { Locale } from '@yiqi/shared/i18n';

/**
 * The privacy notice a registration agrees to; its version is stored with the registration. When the
 * text changes, the version changes with it. v2 (2026-12): qualifications are records with a certificate
 * photo, not typed text; an e-mail address and a WeChat identity may be added for notices (decision 0069).
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-v2';

export const PRIVACY_NOTICE: Record<Locale, string[]> = {
  'zh-CN': [
    '“一起”广东志愿服务平台（以下简称“平台”）由志愿服务主管部门运营，仅为志愿服务管理目的处理您的个人信息。',
    '我们收集：手机号、姓名、证件类型和号码、出生日期、性别、居住地区；您自愿填写的技能、服务意向、可服务时间、语言和紧急联系人；您申请资质核验时上传的证书照片；您自愿添加、用于接收通知的电子邮箱和微信身份；未成年人的监护人信息。',
    '用途：实名认证、志愿者身份管理、活动报名与服务时长记录、团队管理，以及依法开展的统计。',
    '证件号码、未成年人信息属于敏感个人信息，与手机号、电子邮箱和微信身份一样加密保存，仅经授权的工作人员在履职需要时查看，每次查看均记录原因并留痕。',
    '我们不会出售您的信息，不会用于与志愿服务无关的目的。法律法规要求提供的情形除外。',
    '您可以随时查看、更正、导出您的个人信息，也可以注销账户；注销后您的个人信息将被删除或匿名化，法律要求保留的记录除外。',
  ],
  'zh-HK': [
    '「一起」廣東志願服務平台（以下簡稱「平台」）由志願服務主管部門營運，僅為志願服務管理目的處理您的個人資料。',
    '我們收集：手機號碼、姓名、證件類型和號碼、出生日期、性別、居住地區；您自願填寫的技能、服務意向、可服務時間、語言和緊急聯絡人；您申請資質核驗時上傳的證書照片；您自願新增、用於接收通知的電子郵箱和微信身份；未成年人的監護人資料。',
    '用途：實名認證、志願者身份管理、活動報名與服務時數記錄、團隊管理，以及依法進行的統計。',
    '證件號碼、未成年人資料屬於敏感個人資料，與手機號碼、電子郵箱和微信身份一樣加密保存，僅經授權的工作人員在履職需要時查看，每次查看均記錄原因並留痕。',
    '我們不會出售您的資料，亦不會用於與志願服務無關的目的。法律法規要求提供的情形除外。',
    '您可以隨時查看、更正、匯出您的個人資料，也可以註銷帳戶；註銷後您的個人資料將被刪除或匿名化，法律要求保留的記錄除外。',
  ],
  en: [
    'Yiqi, the Guangdong volunteer service platform, is run by the volunteer service authorities and processes your personal information only to manage volunteer service.',
    'We collect your mobile number, name, ID document type and number, birth date, gender and place of residence; the skills, preferences, availability, languages and emergency contact you choose to give; the certificate photos you upload to have a qualification verified; the e-mail address and WeChat identity you choose to add for notices; and, for minors, guardian details.',
    'We use them for real-name verification, managing your volunteer identity, activity sign-ups and service hours, team management, and statistics required by law.',
    'ID numbers and information about minors are sensitive personal information: like phone numbers, e-mail addresses and WeChat identities they are stored encrypted, and only authorised staff may view them when their duties require it, each view logged with its reason.',
    'We never sell your information or use it for anything unrelated to volunteer service, except where the law requires disclosure.',
    'You can view, correct and export your information at any time, and close your account; your personal information is then erased or anonymised, except records the law requires us to keep.',
  ],
};
