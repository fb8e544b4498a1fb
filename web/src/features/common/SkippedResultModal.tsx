import { List, Modal, Result, Typography } from 'antd';
import { ERRORS, errorMessage, type ErrorCode } from '@yiqi/shared/errors';
import { useLocale, useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from './messages.ts';

export interface SkippedResult {
  done: number;
  skipped: { id: string; code: string }[];
}

/**
 * What a bulk action did (sign-up decisions, record confirmations): how many went through, and which rows
 * were skipped and why, each reason in the user's language.
 */
export function SkippedResultModal({
  result,
  title,
  summary,
  names,
  onClose,
}: {
  result: SkippedResult | null;
  title: string;
  summary: (done: number, skipped: number) => string;
  /** Row id → how to name it (the volunteer), from the rows on screen when acting. */
  names: Map<string, string>;
  onClose: () => void;
}) {
  const c = useMessages(commonMessages);
  const { locale } = useLocale();
  const why = (code: string) => (code in ERRORS ? errorMessage(code as ErrorCode, locale) : code);
  return (
    <Modal
      open={result !== null}
      title={title}
      onCancel={onClose}
      onOk={onClose}
      okText={c.close}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      {result && (
        <>
          <Result
            status={result.done ? 'warning' : 'error'}
            title={summary(result.done, result.skipped.length)}
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
