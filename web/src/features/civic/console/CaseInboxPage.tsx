import { useState } from 'react';
import { Button, Flex, Segmented, Switch, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { caseInbox, CIVIC_KEY, type CivicCase } from '../api.ts';
import { StatusTags } from '../CaseFacts.tsx';
import { civicMessages } from '../messages.ts';
import { CaseDrawer } from './CaseDrawer.tsx';
import { formatTime, formatDay } from '../../../lib/format.ts';

const PAGE_SIZE = 20;
const STATUSES = ['', 'routed', 'handled', 'rectified'] as const;

/** /civic (console) — the case inbox of a unit's admins and the region admins: overdue first, then by deadline. */
export default function CaseInboxPage() {
  const t = useMessages(civicMessages);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('routed');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CivicCase | null>(null);
  const list = useQuery({
    queryKey: [...CIVIC_KEY, 'inbox', status, overdue, page],
    queryFn: ({ signal }) =>
      caseInbox(
        { status: status || undefined, overdue: overdue ? 'true' : undefined, page, pageSize: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.inboxTitle} />
      <Flex gap={16} wrap align="center">
        <Segmented
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s, label: s ? t[`status_${s}`] : t.all }))}
        />
        <Flex gap={8} align="center">
          <Switch
            checked={overdue}
            onChange={(v) => {
              setOverdue(v);
              setPage(1);
            }}
            aria-label={t.onlyOverdue}
          />
          <Typography.Text>{t.onlyOverdue}</Typography.Text>
        </Flex>
      </Flex>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CivicCase>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t.inboxEmpty }}
          scroll={{ x: 900 }}
          onRow={(c) => ({ onClick: () => setOpen(c), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => fmt(t.total, { n }),
          }}
          columns={[
            {
              title: t.category,
              dataIndex: 'category',
              width: 110,
              render: (k: CivicCase['category']) => t[`cat_${k}`],
            },
            { title: t.description, dataIndex: 'description', ellipsis: true },
            { title: t.region, dataIndex: 'regionName', width: 140 },
            {
              title: t.reportedAt,
              dataIndex: 'createdAt',
              width: 170,
              render: (d: string) => formatTime(d),
            },
            {
              title: fmt(t.due, { due: '' }).trim(),
              dataIndex: 'dueAt',
              width: 120,
              render: (d: string) => formatDay(d),
            },
            { title: '', width: 170, render: (_, c) => <StatusTags c={c} /> },
            {
              title: '',
              width: 90,
              render: (_, c) => (
                <Button type="link" onClick={() => setOpen(c)}>
                  {c.status === 'routed' ? t.open : t.view}
                </Button>
              ),
            },
          ]}
        />
      )}
      <CaseDrawer c={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
