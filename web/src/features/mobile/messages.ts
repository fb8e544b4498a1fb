import { defineMessages } from '../../lib/i18n.tsx';

export const mobileMessages = defineMessages(
  {
    nav: '志愿者导航',
    tabProfile: '我的',
    tabVerify: '实名认证',
    tabTeams: '我的团队',
    tabAccount: '账户',
    brand: '一起',
    brandSub: '志愿者',
  },
  {
    nav: '志願者導航',
    tabProfile: '我的',
    tabVerify: '實名認證',
    tabTeams: '我的團隊',
    tabAccount: '帳戶',
    brand: '一起',
    brandSub: '志願者',
  },
  {
    nav: 'Volunteer navigation',
    tabProfile: 'Me',
    tabVerify: 'Verify',
    tabTeams: 'My teams',
    tabAccount: 'Account',
    brand: 'Yiqi',
    brandSub: 'Volunteers',
  },
);
