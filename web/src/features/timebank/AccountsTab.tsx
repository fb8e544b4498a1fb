import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Pagination, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ACCOUNT_KIND_NAMES, TRANSFER_KIND_NAMES } from '@yiqi/shared/timebank-names';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { exportStatement, getStatement, keys, listAccounts, reconcile, type Account } from './api.ts';
import { adminTimebankMessages } from './messages.ts';

/** The scheme's accounts with their balances, the reconcile check, and one account's statement. */
export function AccountsTab({ region }: { region: string }) {
  const t = useMessages(adminTimebankMessages);
  const text = useText();
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<Account | null>(null);
  const q = useQuery({
    queryKey: [...keys.admin(region), 'accounts', page],
    queryFn: ({ signal }) => listAccounts(region, page, undefined, signal),
    placeholderData: keepPreviousData,
  });
  const rec = useQuery({
    queryKey: [...keys.admin(region), 'reconcile'],
    queryFn: ({ signal }) => reconcile(region, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      {rec.data && (
        <Alert
          type={rec.data.ok ? 'success' : 'error'}
          message={
            rec.data.ok
              ? fmt(t.reconcileOk, { a: rec.data.accounts, t: rec.data.transfers, s: rec.data.sum })
              : fmt(t.reconcileBad, { m: rec.data.mismatched.length, n: rec.data.negative })
          }
          action={<Button onClick={() => void rec.refetch()}>{t.reconcile}</Button>}
        />
      )}
      <Table
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t.accountsEmpty} /> }}
        onRow={(a) => ({ onClick: () => setChosen(a), style: { cursor: 'pointer' } })}
        rowClassName={(a) => (a.id === chosen?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t.kind, render: (_: unknown, a) => text(ACCOUNT_KIND_NAMES[a.kind]) },
          { title: t.account, render: (_: unknown, a) => a.label ?? '—' },
          { title: t.balance, dataIndex: 'balance', align: 'right' },
        ]}
      />
      {q.data && q.data.total > q.data.pageSize && (
        <Pagination
          align="center"
          current={page}
          pageSize={q.data.pageSize}
          total={q.data.total}
          onChange={setPage}
        />
      )}
      {chosen && <AdminStatement region={region} account={chosen} />}
    </Flex>
  );
}

function AdminStatement({ region, account }: { region: string; account: Account }) {
  const t = useMessages(adminTimebankMessages);
  const text = useText();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...keys.admin(region), 'statement', account.id, page],
    queryFn: ({ signal }) => getStatement({ region, accountId: account.id, page }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={`${t.statement} · ${account.label ?? text(ACCOUNT_KIND_NAMES[account.kind])}`}
      extra={
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() => void exportStatement(region, account.id)}
        >
          {t.export}
        </Button>
      }
    >
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {q.data && (
            <Typography.Paragraph type={q.data.reconciled ? 'secondary' : 'danger'}>
              {q.data.opening} → {q.data.closing} (+{q.data.credits} / −{q.data.debits})
            </Typography.Paragraph>
          )}
          <Table
            rowKey="transferId"
            size="small"
            loading={q.isPending}
            dataSource={q.data?.lines.items ?? []}
            pagination={{
              current: page,
              pageSize: 20,
              total: q.data?.lines.total ?? 0,
              onChange: setPage,
              hideOnSinglePage: true,
            }}
            scroll={{ x: 600 }}
            columns={[
              { title: t.time, dataIndex: 'at', render: (v: string) => formatTime(v) },
              { title: t.kind, render: (_: unknown, l) => text(TRANSFER_KIND_NAMES[l.kind]) },
              {
                title: t.counterpart,
                render: (_: unknown, l) => l.counterpartLabel ?? text(ACCOUNT_KIND_NAMES[l.counterpartKind]),
              },
              {
                title: t.change,
                dataIndex: 'amount',
                align: 'right',
                render: (v: number) => (v > 0 ? `+${v}` : v),
              },
              { title: t.after, dataIndex: 'balance', align: 'right' },
              {
                title: t.reason,
                // A deposit names the service record it banked.
                render: (_: unknown, l) =>
                  l.reason ?? (l.record ? `${l.record.activityTitle} · ${l.record.serviceDate}` : null),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
