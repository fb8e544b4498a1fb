import type { Role } from '@yiqi/shared/roles';
import type { MeView } from '../auth/api.ts';

/** The role sets that gate console pages and menu entries (the API checks again). */
export const ROLE_ADMINS: readonly Role[] = ['region_admin', 'security_admin'];
export const AUDITORS: readonly Role[] = ['audit_admin'];
export const REGION_ADMINS: readonly Role[] = ['region_admin'];
export const SYSTEM_ADMINS: readonly Role[] = ['system_admin'];
/** Who manages a team: its own admins and the region admins above it. */
export const TEAM_ADMINS: readonly Role[] = ['org_admin', 'region_admin'];

export function hasAnyRole(me: MeView, roles: readonly Role[] | undefined): boolean {
  return !roles || me.roles.some((r) => roles.includes(r.role));
}
