import { Tag } from 'antd';
import { IMPORT_STATUS_NAMES, type ImportStatus } from '@yiqi/shared/contracts/imports';
import { useText } from '../../lib/i18n.tsx';

/** Statuses in which the job is still at work (and its page keeps asking). */
export const RUNNING: readonly ImportStatus[] = ['validating', 'committing'];
const COLORS: Record<ImportStatus, string> = {
  validating: 'processing',
  committing: 'processing',
  invalid: 'warning',
  done: 'success',
  failed: 'error',
};

/** An import's status in the current language. */
export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const text = useText();
  return (
    <Tag color={COLORS[status]} data-testid="import-status">
      {text(IMPORT_STATUS_NAMES[status])}
    </Tag>
  );
}
