import { List, Modal, Result, Typography } from 'antd';
import { ERRORS, errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import { fmt, useLocale, useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from '../common/messages.ts';
import type { BulkResult, RecordView } from './api.ts';
import { recordMessages } from './messages.ts';

/** What a bulk confirmation did: how many were confirmed, and which were skipped and why. */
export function BulkResultModal({
  result,
  rows,
  onClose,
}: {
  result: BulkResult | null;
  /** The records on screen when confirming, to name the skipped volunteers. */
  rows: RecordView[];
  onClose: () => void;
}) {
  const t = useMessages(recordMessages);
  const c = useMessages(commonMessages);
  const { locale } = useLocale();
  const names = new Map(rows.map((r) => [r.id, `${r.volunteerName ?? '—'} (${r.volunteerNo})`]));
  const why = (code: string) => (code in ERRORS ? errorMessage(code as ErrorCode, locale) : code);
  return (
    <Modal
      open={result !== null}
      title={t.resultTitle}
      onCancel={onClose}
      onOk={onClose}
      okText={c.close}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {result && (
        <>
          <Result
            status={result.done ? 'warning' : 'error'}
            title={fmt(t.resultDone, { done: result.done, skipped: result.skipped.length })}
            style={{ padding: '16px 0' }}
          />
          <List
            size="small"
            bordered
            dataSource={result.skipped}
            data-testid="skipped"
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={names.get(s.id) ?? s.id}
                  description={<Typography.Text type="danger">{why(s.code)}</Typography.Text>}
                />
              </List.Item>
            )}
            style={{ maxHeight: 320, overflow: 'auto' }}
          />
        </>
      )}
    </Modal>
  );
}
