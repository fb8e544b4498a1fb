import { Tag } from 'antd';
import { RECORD_STATUS_NAMES } from '@yiqi/shared/contracts/records';
import { useText } from '../../lib/i18n.tsx';
import type { RecordStatus } from './api.ts';

const COLORS: Record<RecordStatus, string> = {
  draft: 'processing',
  pending: 'gold',
  confirmed: 'success',
  rejected: 'error',
  superseded: 'default',
};

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const text = useText();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="record-status">
      {text(RECORD_STATUS_NAMES[status])}
    </Tag>
  );
}
