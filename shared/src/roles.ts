import type { Text } from './i18n.ts';

/**
 * Staff roles, each bound to a scope. `region_admin` is the level administrator (civilization office,
 * federation) of a region subtree; the three duty roles are kept apart as security-level-3 asks.
 */
export const ROLES = ['region_admin', 'org_admin', 'system_admin', 'security_admin', 'audit_admin'] as const;
export type Role = (typeof ROLES)[number];

/** The three separated administrator duties (三员分立): nobody holds two of them. */
export const DUTY_ROLES: readonly Role[] = ['system_admin', 'security_admin', 'audit_admin'];

/**
 * Why `role` may not join the roles a person already holds, or null. The three duties are held alone:
 * never two different duties (ROLE_CONFLICT), never a duty with a region or organization admin role
 * (DUTY_CONFLICT), so an auditor never audits their own administration.
 */
export function roleConflict(held: readonly Role[], role: Role): 'ROLE_CONFLICT' | 'DUTY_CONFLICT' | null {
  const isDuty = (r: Role) => DUTY_ROLES.includes(r);
  if (isDuty(role) && held.some((r) => isDuty(r) && r !== role)) return 'ROLE_CONFLICT';
  if (held.some((r) => isDuty(r) !== isDuty(role))) return 'DUTY_CONFLICT';
  return null;
}

export const SCOPE_TYPES = ['region', 'organization'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** Which scope type each role is bound to. */
export const ROLE_SCOPE: Record<Role, ScopeType> = {
  region_admin: 'region',
  org_admin: 'organization',
  system_admin: 'region',
  security_admin: 'region',
  audit_admin: 'region',
};

/** Which roles a holder of a role may grant, always at or below the holder's own scope. */
export const GRANTABLE: Record<Role, readonly Role[]> = {
  region_admin: ['region_admin', 'org_admin'],
  security_admin: ['region_admin', 'org_admin', 'system_admin', 'security_admin', 'audit_admin'],
  org_admin: [],
  system_admin: [],
  audit_admin: [],
};

export const ROLE_NAMES: Record<Role, Text> = {
  region_admin: { 'zh-CN': '区域管理员', 'zh-HK': '區域管理員', en: 'Region administrator' },
  org_admin: { 'zh-CN': '组织管理员', 'zh-HK': '組織管理員', en: 'Organization administrator' },
  system_admin: { 'zh-CN': '系统管理员', 'zh-HK': '系統管理員', en: 'System administrator' },
  security_admin: { 'zh-CN': '安全管理员', 'zh-HK': '安全管理員', en: 'Security administrator' },
  audit_admin: { 'zh-CN': '审计管理员', 'zh-HK': '審計管理員', en: 'Audit administrator' },
};
