import type { ReactNode } from 'react';
import { AuditOutlined, ClusterOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
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

export const NAV: NavItem[] = [
  { path: '/regions', icon: <ClusterOutlined />, label: (t) => t.menuRegions },
  { path: '/roles', icon: <TeamOutlined />, label: (t) => t.menuRoles, roles: ROLE_ADMINS },
  { path: '/audit', icon: <AuditOutlined />, label: (t) => t.menuAudit, roles: AUDITORS },
  { path: '/account', icon: <UserOutlined />, label: (t) => t.menuAccount },
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
