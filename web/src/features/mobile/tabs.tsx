import type { ReactNode } from 'react';
import {
  CalendarOutlined,
  CompassOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  SafetyCertificateOutlined,
  ScanOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { mobileMessages } from './messages.ts';

type MobileText = (typeof mobileMessages)['zh-CN'];

export interface Tab {
  path: string;
  icon: ReactNode;
  label: (t: MobileText) => string;
}

/** The volunteer area's sections: the bottom tab bar on phones (five at most), the header links on wider screens. */
export const TABS: Tab[] = [
  { path: '/m/activities', icon: <CompassOutlined />, label: (t) => t.tabActivities },
  { path: '/m/my-activities', icon: <CalendarOutlined />, label: (t) => t.tabMyActivities },
  { path: '/m/scan', icon: <ScanOutlined />, label: (t) => t.tabScan },
  { path: '/m/teams', icon: <TeamOutlined />, label: (t) => t.tabTeams },
  { path: '/m/profile', icon: <UserOutlined />, label: (t) => t.tabProfile },
];

/** Pages used now and then: in the header's "more" menu. */
export const MORE: Tab[] = [
  { path: '/m/records', icon: <FieldTimeOutlined />, label: (t) => t.tabRecords },
  { path: '/m/certificates', icon: <FileProtectOutlined />, label: (t) => t.tabCertificates },
  { path: '/m/verify', icon: <SafetyCertificateOutlined />, label: (t) => t.tabIdentityVerification },
  { path: '/m/account', icon: <SettingOutlined />, label: (t) => t.tabAccount },
];
