import type { ReactNode } from 'react';
import { SafetyCertificateOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { mobileMessages } from './messages.ts';

type MobileText = (typeof mobileMessages)['zh-CN'];

export interface Tab {
  path: string;
  icon: ReactNode;
  label: (t: MobileText) => string;
}

/** The volunteer area's sections: the bottom tab bar on phones, the header links on wider screens. */
export const TABS: Tab[] = [
  { path: '/m/profile', icon: <UserOutlined />, label: (t) => t.tabProfile },
  { path: '/m/verify', icon: <SafetyCertificateOutlined />, label: (t) => t.tabVerify },
  { path: '/m/teams', icon: <TeamOutlined />, label: (t) => t.tabTeams },
  { path: '/m/account', icon: <SettingOutlined />, label: (t) => t.tabAccount },
];
