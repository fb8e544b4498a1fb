import { Tag } from 'antd';
import type { VolunteerView } from '@yiqi/shared/contracts/volunteers';
import { useMessages } from '../../lib/i18n.tsx';
import { volunteerMessages } from './messages.ts';

export type VerificationStatus = VolunteerView['verification']['status'];

const COLORS: Record<VerificationStatus, string> = {
  unverified: 'default',
  pending: 'processing',
  verified: 'success',
  rejected: 'error',
};

/** Real-name verification status as a coloured tag. */
export function VerificationTag({ status }: { status: VerificationStatus }) {
  const t = useMessages(volunteerMessages);
  return (
    <Tag color={COLORS[status]} data-testid="verification-status" style={{ marginInlineEnd: 0 }}>
      {t[status]}
    </Tag>
  );
}
