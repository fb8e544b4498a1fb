import { ROLE_NAMES } from '@yiqi/shared/roles';
import type { Locale } from '@yiqi/shared/i18n';
import type { MyRole } from '../auth/api.ts';

/** "南山区 · 区域管理员": where and as what a user acts. */
export function scopeLabel(role: MyRole, locale: Locale): string {
  return `${role.scopeName} · ${ROLE_NAMES[role.role][locale]}`;
}
