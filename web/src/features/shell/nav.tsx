import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileDoneOutlined,
  FormOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { Role } from '@yiqi/shared/roles';
import type { MeView } from '../auth/api.ts';
import type { shellMessages } from './messages.ts';

type ShellText = (typeof shellMessages)['zh-CN'];

export interface NavItem {
  path: string;
  icon: ReactNode;
  label: (t: ShellText) => string;
  /** Roles that see the item; absent means everyone signed in. */
  roles?: readonly Role[];
}

export const ROLE_ADMINS: readonly Role[] = ['region_admin', 'security_admin'];
export const AUDITORS: readonly Role[] = ['audit_admin'];
export const REGION_ADMINS: readonly Role[] = ['region_admin'];
export const SYSTEM_ADMINS: readonly Role[] = ['system_admin'];
/** Who manages a team: its own admins and the region admins above it. */
export const TEAM_ADMINS: readonly Role[] = ['org_admin', 'region_admin'];

export const NAV: NavItem[] = [
  { path: '/regions', icon: <ClusterOutlined />, label: (t) => t.menuRegions },
  {
    path: '/organizations',
    icon: <ApartmentOutlined />,
    label: (t) => t.menuOrganizations,
    roles: REGION_ADMINS,
  },
  { path: '/org-review', icon: <FileDoneOutlined />, label: (t) => t.menuOrgReview, roles: REGION_ADMINS },
  { path: '/members', icon: <UsergroupAddOutlined />, label: (t) => t.menuMembers, roles: TEAM_ADMINS },
  { path: '/activities', icon: <CalendarOutlined />, label: (t) => t.menuActivities, roles: TEAM_ADMINS },
  { path: '/records', icon: <FieldTimeOutlined />, label: (t) => t.menuRecords, roles: TEAM_ADMINS },
  {
    path: '/certificates',
    icon: <FileProtectOutlined />,
    label: (t) => t.menuCertificates,
    roles: TEAM_ADMINS,
  },
  { path: '/volunteers', icon: <IdcardOutlined />, label: (t) => t.menuVolunteers, roles: REGION_ADMINS },
  {
    path: '/verification',
    icon: <SafetyCertificateOutlined />,
    label: (t) => t.menuVerification,
    roles: REGION_ADMINS,
  },
  { path: '/imports', icon: <CloudUploadOutlined />, label: (t) => t.menuImports, roles: TEAM_ADMINS },
  { path: '/my-organizations', icon: <FormOutlined />, label: (t) => t.menuMyOrgs },
  { path: '/roles', icon: <TeamOutlined />, label: (t) => t.menuRoles, roles: ROLE_ADMINS },
  { path: '/audit', icon: <AuditOutlined />, label: (t) => t.menuAudit, roles: AUDITORS },
  { path: '/holidays', icon: <ScheduleOutlined />, label: (t) => t.menuHolidays, roles: SYSTEM_ADMINS },
  { path: '/account', icon: <UserOutlined />, label: (t) => t.menuAccount },
  { path: '/m/profile', icon: <SolutionOutlined />, label: (t) => t.volunteerArea },
];

export function hasAnyRole(me: MeView, roles: readonly Role[] | undefined): boolean {
  return !roles || me.roles.some((r) => roles.includes(r.role));
}

/** Whether the user may open a path (used before following a `next` left by an earlier session). */
export function mayOpen(me: MeView, path: string): boolean {
  const item = NAV.find(
    (n) => path === n.path || path.startsWith(n.path + '/') || path.startsWith(n.path + '?'),
  );
  return !item || hasAnyRole(me, item.roles);
}
