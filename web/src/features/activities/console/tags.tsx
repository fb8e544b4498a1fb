import { Tag } from 'antd';
import {
  ACTIVITY_STATUS_NAMES,
  BOARD_STATE_NAMES,
  RISK_LEVEL_NAMES,
  SIGNUP_STATUS_NAMES,
  type RISK_LEVELS,
} from '@yiqi/shared/contracts/activities';
import { useText } from '../../../lib/i18n.tsx';
import type { ActivityStatus, BoardState, SignupStatus } from './api.ts';

const STATUS_COLORS: Record<ActivityStatus, string> = {
  draft: 'default',
  published: 'processing',
  in_progress: 'success',
  ended: 'purple',
  closed: 'default',
  cancelled: 'error',
};

const SIGNUP_COLORS: Record<SignupStatus, string> = {
  pending: 'processing',
  accepted: 'success',
  waitlisted: 'gold',
  rejected: 'error',
  cancelled: 'default',
  no_show: 'volcano',
};

const BOARD_COLORS: Record<BoardState, string> = {
  expected: 'default',
  checked_in: 'success',
  late: 'warning',
  absent: 'error',
  checked_out: 'blue',
};

const RISK_COLORS: Record<(typeof RISK_LEVELS)[number], string | undefined> = {
  none: undefined,
  low: 'orange',
  high: 'red',
};

const style = { marginInlineEnd: 0 };

export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const text = useText();
  return (
    <Tag color={STATUS_COLORS[status]} style={style} data-testid="activity-status">
      {text(ACTIVITY_STATUS_NAMES[status])}
    </Tag>
  );
}

export function SignupStatusTag({ status }: { status: SignupStatus }) {
  const text = useText();
  return (
    <Tag color={SIGNUP_COLORS[status]} style={style} data-testid="signup-status">
      {text(SIGNUP_STATUS_NAMES[status])}
    </Tag>
  );
}

export function BoardStateTag({ state }: { state: BoardState }) {
  const text = useText();
  return (
    <Tag color={BOARD_COLORS[state]} style={style} data-testid="board-state">
      {text(BOARD_STATE_NAMES[state])}
    </Tag>
  );
}

export function RiskTag({ level }: { level: (typeof RISK_LEVELS)[number] }) {
  const text = useText();
  return (
    <Tag color={RISK_COLORS[level]} style={style}>
      {text(RISK_LEVEL_NAMES[level])}
    </Tag>
  );
}
