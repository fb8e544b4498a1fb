import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Flex, Pagination, Select, Skeleton, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { ACCOUNT_KIND_NAMES, TRANSFER_KIND_NAMES } from '@yiqi/shared/timebank-names';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { exportMyStatement, getMyStatement, keys, type Account } from './api.ts';
import { myTimebankMessages } from './messages.ts';

/** The statement of one of the volunteer's accounts for a period: opening, entries with the balance after each, closing. */
export function StatementCard({ accounts }: { accounts: Account[] }) {
  const t = useMessages(myTimebankMessages);
  const text = useText();
  const [accountId, setAccountId] = useState(accounts[0]!.id);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: keys.statement(accountId, from, to, page),
    queryFn: ({ signal }) =>
      getMyStatement({ accountId, page, ...(from ? { from } : {}), ...(to ? { to } : {}) }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      size="small"
      title={t.statement}
      extra={
        <Button
          icon={<DownloadOutlined aria-hidden />}
          onClick={() => void exportMyStatement(accountId)}
          style={{ minHeight: 44 }}
        >
          {t.export}
        </Button>
      }
    >
      <Flex vertical gap={8}>
        <Select
          size="large"
          value={accountId}
          onChange={(v) => (setAccountId(v), setPage(1))}
          options={accounts.map((a) => ({
            value: a.id,
            label:
              a.kind === 'volunteer'
                ? `${a.schemeName} · ${t.own}`
                : `${a.label}（${text(ACCOUNT_KIND_NAMES[a.kind])}）`,
          }))}
        />
        <DatePicker.RangePicker
          size="large"
          value={range}
          onChange={(r) => (setRange(r), setPage(1))}
          style={{ width: '100%' }}
        />
        {q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Skeleton active />
        ) : (
          <>
            <Flex justify="space-between">
              <Typography.Text type="secondary">{fmt(t.opening, { n: q.data.opening })}</Typography.Text>
              <Typography.Text strong>{fmt(t.closing, { n: q.data.closing })}</Typography.Text>
            </Flex>
            {!q.data.reconciled && <Alert type="error" message={t.notReconciled} />}
            {q.data.lines.items.length === 0 ? (
              <Empty description={t.statementEmpty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              q.data.lines.items.map((l) => (
                <Flex
                  key={l.transferId}
                  justify="space-between"
                  style={{ borderBottom: '1px solid #f0f0f0', padding: '6px 0' }}
                >
                  <Flex vertical>
                    <Typography.Text>{text(TRANSFER_KIND_NAMES[l.kind])}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(l.at)} · {l.counterpartLabel ?? text(ACCOUNT_KIND_NAMES[l.counterpartKind])}
                    </Typography.Text>
                    {l.record && (
                      <Typography.Text
                        type="secondary"
                        style={{ fontSize: 12 }}
                        data-testid="statement-record"
                      >
                        {fmt(t.forRecord, { title: l.record.activityTitle, date: l.record.serviceDate })}
                      </Typography.Text>
                    )}
                  </Flex>
                  <Flex vertical align="end">
                    <Typography.Text strong type={l.amount < 0 ? 'danger' : 'success'}>
                      {l.amount > 0 ? `+${l.amount}` : l.amount}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {l.balance}
                    </Typography.Text>
                  </Flex>
                </Flex>
              ))
            )}
            {q.data.lines.total > q.data.lines.pageSize && (
              <Pagination
                simple
                align="center"
                current={page}
                pageSize={q.data.lines.pageSize}
                total={q.data.lines.total}
                onChange={setPage}
              />
            )}
          </>
        )}
      </Flex>
    </Card>
  );
}
