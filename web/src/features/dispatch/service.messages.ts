import { defineMessages } from '../../lib/i18n.tsx';

/** Service through an activity (the team's order card, the order page) and the timeline's system entries. */
export const serviceMessages = defineMessages(
  {
    openActivity: '开设服务活动',
    openActivityHint: '通过活动招募、排班和签到，志愿服务时长由活动签到记录生成并经确认后计入。',
    openActivityConfirm: '将按本订单生成一份活动草稿（地址已隐去门牌，仅限本队成员报名），您可编辑后发布。',
    serviceActivity: '服务活动',
    viewActivity: '查看活动',
    progress: '办理进度',
    hideProgress: '收起进度',
    system: '系统',
    activityStatus_draft: '草稿',
    activityStatus_published: '已发布',
    activityStatus_closed: '已结项',
    activityStatus_cancelled: '已取消',
    hoursViaActivity: '本订单通过活动服务：时长以活动签到为准，请在活动的“服务记录”中确认。',
  },
  {
    openActivity: '開設服務活動',
    openActivityHint: '透過活動招募、排班和簽到，志願服務時長由活動簽到記錄生成並經確認後計入。',
    openActivityConfirm: '將按本訂單生成一份活動草稿（地址已隱去門牌，僅限本隊成員報名），您可編輯後發佈。',
    serviceActivity: '服務活動',
    viewActivity: '查看活動',
    progress: '辦理進度',
    hideProgress: '收起進度',
    system: '系統',
    activityStatus_draft: '草稿',
    activityStatus_published: '已發佈',
    activityStatus_closed: '已結項',
    activityStatus_cancelled: '已取消',
    hoursViaActivity: '本訂單透過活動服務：時長以活動簽到為準，請在活動的「服務記錄」中確認。',
  },
  {
    openActivity: 'Open an activity',
    openActivityHint:
      'Recruit, schedule and check volunteers in through an activity; their hours come from its check-ins once confirmed.',
    openActivityConfirm:
      'A draft activity is made from this order (the address without the door number, open to your team’s members only); edit it, then publish.',
    serviceActivity: 'Service activity',
    viewActivity: 'View activity',
    progress: 'Progress',
    hideProgress: 'Hide progress',
    system: 'System',
    activityStatus_draft: 'Draft',
    activityStatus_published: 'Published',
    activityStatus_closed: 'Closed',
    activityStatus_cancelled: 'Cancelled',
    hoursViaActivity:
      'This order is served through an activity: hours come from its check-ins; confirm them under the activity’s records.',
  },
);
