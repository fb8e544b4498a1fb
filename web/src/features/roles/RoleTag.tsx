import { Tag } from 'antd';
import { ROLE_NAMES, type Role } from '@yiqi/shared/roles';
import { useText } from '../../lib/i18n.tsx';

const COLORS: Record<Role, string> = {
  region_admin: 'volcano',
  org_admin: 'gold',
  system_admin: 'blue',
  security_admin: 'purple',
  audit_admin: 'cyan',
};

/** A role's name in the current language, one colour per role so the three duties stand apart. */
export function RoleTag({ role }: { role: Role }) {
  const text = useText();
  return <Tag color={COLORS[role]}>{text(ROLE_NAMES[role])}</Tag>;
}
