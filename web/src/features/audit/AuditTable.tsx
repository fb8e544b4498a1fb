import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Page } from '../../lib/api.ts';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { AuditResult, AuditRow } from './api.ts';
import { ACTION_NAMES, auditMessages } from './messages.ts';

const RESULT_COLORS: Record<AuditResult, string> = { ok: 'success', denied: 'warning', failed: 'error' };

interface Props {
  data: Page<AuditRow> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** Audit rows, newest first; a row expands to its details. */
export function AuditTable({ data, loading, onPage }: Props) {
  const t = useMessages(auditMessages);
  const actions: Record<string, string> = useMessages(ACTION_NAMES);

  const columns: ColumnsType<AuditRow> = [
    {
      title: t.time,
      dataIndex: 'occurredAt',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span>,
    },
    { title: t.actor, dataIndex: 'actor', render: (a: string | null) => a ?? '—' },
    {
      title: t.action,
      dataIndex: 'action',
      render: (a: string) => (
        <div>
          <Typography.Text code>{a}</Typography.Text>
          {actions[a] && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {actions[a]}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: t.object,
      key: 'object',
      render: (_, r) =>
        r.objectType ? (
          <Typography.Text
            ellipsis={{ tooltip: `${r.objectType}: ${r.objectId ?? ''}` }}
            style={{ maxWidth: 220 }}
          >
            {r.objectType}: {r.objectId ?? ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t.result,
      dataIndex: 'result',
      render: (r: AuditResult) => <Tag color={RESULT_COLORS[r]}>{t[r]}</Tag>,
    },
    { title: t.ip, dataIndex: 'sourceIp', responsive: ['md'], render: (ip: string | null) => ip ?? '—' },
    {
      title: t.requestId,
      dataIndex: 'requestId',
      responsive: ['lg'],
      render: (id: string | null) =>
        id ? (
          <Typography.Text
            copyable={{ text: id }}
            ellipsis
            style={{ maxWidth: 140, fontFamily: 'monospace', fontSize: 12 }}
          >
            {id}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Table<AuditRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
      expandable={{
        expandedRowRender: (r) => (
          <Typography.Paragraph style={{ margin: 0 }}>
            <Typography.Text type="secondary">#{r.id}</Typography.Text>
            {r.regionCode && (
              <>
                {' · '}
                {t.region} <Typography.Text code>{r.regionCode}</Typography.Text>
              </>
            )}
            <pre style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
              {JSON.stringify(r.details, null, 2)}
            </pre>
          </Typography.Paragraph>
        ),
      }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 50,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => fmt(t.total, { n }),
        onChange: onPage,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
