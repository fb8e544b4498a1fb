import { Button, Empty, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { listImports, type ImportJobSummary } from './api.ts';
import { ImportStatusTag } from './ImportStatusTag.tsx';
import { hoursMessages } from './hours.messages.ts';
import { importMessages } from './messages.ts';

/** Recent imports into the organization, newest first; one can be reopened. */
export function ImportHistory({ orgId, onOpen }: { orgId: string; onOpen: (id: string) => void }) {
  const t = useMessages(importMessages);
  const h = useMessages(hoursMessages);
  const q = useQuery({
    queryKey: ['imports', orgId],
    queryFn: ({ signal }) => listImports(orgId, 1, 10, signal),
    placeholderData: keepPreviousData,
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Table<ImportJobSummary>
      rowKey="id"
      size="small"
      loading={q.isFetching}
      dataSource={q.data?.items}
      pagination={false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.historyEmpty} /> }}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t.startedAt, dataIndex: 'startedAt', render: (at: string) => formatTime(at) },
        {
          title: t.kind,
          dataIndex: 'kind',
          render: (k: ImportJobSummary['kind'], j) => (
            <>
              {t[k]}
              {j.records && j.records.pending > 0 && (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {fmt(h.pendingCount, { n: j.records.pending })}
                </Tag>
              )}
            </>
          ),
        },
        {
          title: t.status,
          dataIndex: 'status',
          render: (s: ImportJobSummary['status']) => <ImportStatusTag status={s} />,
        },
        { title: t.created, dataIndex: 'created', align: 'right', responsive: ['sm'] },
        { title: t.skipped, dataIndex: 'skipped', align: 'right', responsive: ['md'] },
        { title: t.errorsLabel, dataIndex: 'errorCount', align: 'right', responsive: ['sm'] },
        {
          title: '',
          key: 'open',
          render: (_, j) => (
            <Button size="small" type="link" onClick={() => onOpen(j.id)}>
              {t.view}
            </Button>
          ),
        },
      ]}
    />
  );
}
