import { Button, Result } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { shellMessages } from './messages.ts';

/** A failed load: the API's own message and a retry. */
export function ErrorResult({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const t = useMessages(shellMessages);
  return (
    <Result
      status="warning"
      title={t.errorTitle}
      subTitle={error.message}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t.retry}
          </Button>
        )
      }
    />
  );
}
