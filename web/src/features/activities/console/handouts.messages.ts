import { defineMessages } from '../../../lib/i18n.tsx';

/** The overview's "print and share" card: roster, sign-in sheet, share card. */
export const handoutMessages = defineMessages(
  {
    title: '打印与分享',
    roster: '导出报名名单',
    rosterFull: '导出名单（完整手机号）',
    rosterFullConfirm: '完整手机号属于个人信息，导出将记入审计日志。确定导出？',
    sheet: '打印签到表',
    card: '分享海报',
    cardTitle: '活动分享海报',
    cardHint: '保存图片后可在微信中发送；扫码即可打开活动页报名。转发链接时会显示活动标题和简介。',
    savePng: '保存为图片',
    copyLink: '复制活动链接',
    copied: '链接已复制',
    close: '关闭',
  },
  {
    title: '列印與分享',
    roster: '匯出報名名單',
    rosterFull: '匯出名單（完整手機號碼）',
    rosterFullConfirm: '完整手機號碼屬於個人資料，匯出將記入審計日誌。確定匯出？',
    sheet: '列印簽到表',
    card: '分享海報',
    cardTitle: '活動分享海報',
    cardHint: '儲存圖片後可在微信中傳送；掃碼即可打開活動頁報名。轉發連結時會顯示活動標題和簡介。',
    savePng: '儲存為圖片',
    copyLink: '複製活動連結',
    copied: '連結已複製',
    close: '關閉',
  },
  {
    title: 'Print and share',
    roster: 'Export roster',
    rosterFull: 'Export roster (full phones)',
    rosterFullConfirm:
      'Full phone numbers are personal data; the export is recorded in the audit log. Export?',
    sheet: 'Print sign-in sheet',
    card: 'Share card',
    cardTitle: 'Share card',
    cardHint:
      'Save the picture to send it in WeChat; scanning it opens the activity page. A forwarded link shows the title and summary.',
    savePng: 'Save as picture',
    copyLink: 'Copy activity link',
    copied: 'Link copied',
    close: 'Close',
  },
);
