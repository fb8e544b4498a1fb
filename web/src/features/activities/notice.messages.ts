import { defineMessages } from '../../lib/i18n.tsx';

export const noticeMessages = defineMessages(
  {
    title: '消息通知',
    unread: '{n} 条未读',
    allRead: '全部标为已读',
    allReadDone: '已全部标为已读',
    empty: '暂无消息',
    emptyHint: '报名结果、候补递补、活动变更或取消都会在这里通知您。',
    unreadMark: '未读',
    openActivity: '查看活动',
    openLink: '查看详情',
  },
  {
    title: '訊息通知',
    unread: '{n} 條未讀',
    allRead: '全部標為已讀',
    allReadDone: '已全部標為已讀',
    empty: '暫無訊息',
    emptyHint: '報名結果、候補遞補、活動變更或取消都會在這裡通知您。',
    unreadMark: '未讀',
    openActivity: '查看活動',
    openLink: '查看詳情',
  },
  {
    title: 'Notifications',
    unread: '{n} unread',
    allRead: 'Mark all as read',
    allReadDone: 'All marked as read',
    empty: 'No notifications',
    emptyHint: 'Sign-up decisions, waitlist moves and changed or cancelled activities are announced here.',
    unreadMark: 'Unread',
    openActivity: 'See the activity',
    openLink: 'See details',
  },
);
