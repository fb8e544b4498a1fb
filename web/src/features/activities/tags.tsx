import { Tag } from 'antd';
import {
  ACTIVITY_STATUS_NAMES,
  RISK_LEVEL_NAMES,
  SIGNUP_STATUS_NAMES,
  type ActivityStatus,
  type SignupStatus,
} from '@yiqi/shared/contracts/activities';
import { useText } from '../../lib/i18n.tsx';
import { useCategoryName } from '../common/categoryName.ts';

const STATUS_COLORS: Record<ActivityStatus, string> = {
  draft: 'default',
  published: 'green',
  in_progress: 'blue',
  ended: 'default',
  closed: 'default',
  cancelled: 'red',
};

const SIGNUP_COLORS: Record<SignupStatus, string> = {
  pending: 'processing',
  accepted: 'success',
  waitlisted: 'warning',
  rejected: 'error',
  cancelled: 'default',
  no_show: 'magenta',
};

const tag = { marginInlineEnd: 0 };

export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const text = useText();
  return (
    <Tag color={STATUS_COLORS[status]} style={tag} data-testid="activity-status">
      {text(ACTIVITY_STATUS_NAMES[status])}
    </Tag>
  );
}

export function SignupStatusTag({ status }: { status: SignupStatus }) {
  const text = useText();
  return (
    <Tag color={SIGNUP_COLORS[status]} style={tag} data-testid="signup-status">
      {text(SIGNUP_STATUS_NAMES[status])}
    </Tag>
  );
}

/** Shown only when there is a notable risk. */
export function RiskTag({ level }: { level: keyof typeof RISK_LEVEL_NAMES }) {
  const text = useText();
  if (level === 'none') return null;
  return (
    <Tag color={level === 'high' ? 'red' : 'gold'} style={tag}>
      {text(RISK_LEVEL_NAMES[level])}
    </Tag>
  );
}

export function CategoryTag({ code }: { code: string }) {
  const name = useCategoryName();
  return (
    <Tag color="orange" style={tag}>
      {name(code)}
    </Tag>
  );
}
