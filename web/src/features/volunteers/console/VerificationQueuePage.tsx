import { Card, Empty, Flex, Pagination, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { verificationQueue } from './api.ts';
import { staffMessages } from './messages.ts';
import { QueueCard } from './QueueCard.tsx';

/** /verification — volunteers waiting for manual real-name review, oldest first. */
export default function VerificationQueuePage() {
  const t = useMessages(staffMessages);
  const c = useMessages(commonMessages);
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 10;
  const q = useQuery({
    queryKey: ['verification-queue', page, pageSize],
    queryFn: ({ signal }) => verificationQueue(page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.queueTitle} />
      <Typography.Text type="secondary">{t.queueIntro}</Typography.Text>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : q.data.items.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.queueEmpty} />
        </Card>
      ) : (
        <Flex vertical gap={12} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
          {q.data.items.map((r) => (
            <QueueCard key={r.id} row={r} />
          ))}
          <Pagination
            align="end"
            current={page}
            pageSize={pageSize}
            total={q.data.total}
            showSizeChanger
            pageSizeOptions={[10, 20, 50]}
            showTotal={(n) => fmt(c.total, { n })}
            onChange={(p, s) => setParams(new URLSearchParams({ page: String(p), size: String(s) }))}
          />
        </Flex>
      )}
    </Flex>
  );
}
