import { Tag } from 'antd';
import {
  MEMBERSHIP_ROLE_NAMES,
  MEMBERSHIP_STATUS_NAMES,
  type MembershipRole,
  type MembershipStatus,
} from '@yiqi/shared/contracts/memberships';
import { useText } from '../../lib/i18n.tsx';

const STATUS_COLORS: Record<MembershipStatus, string> = {
  applied: 'processing',
  invited: 'purple',
  active: 'success',
  rejected: 'error',
  left: 'default',
};

export function MembershipStatusTag({ status }: { status: MembershipStatus }) {
  const text = useText();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="membership-status">
      {text(MEMBERSHIP_STATUS_NAMES[status])}
    </Tag>
  );
}

export function MembershipRoleTag({ role }: { role: MembershipRole }) {
  const text = useText();
  return (
    <Tag
      color={role === 'admin' ? 'gold' : role === 'leader' ? 'blue' : undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {text(MEMBERSHIP_ROLE_NAMES[role])}
    </Tag>
  );
}
