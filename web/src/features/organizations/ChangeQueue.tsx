import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { changeQueue, reviewChange, type OrgChangeView } from './api.ts';
import { ChangeDiff } from './ChangeDiff.tsx';
import { changeMessages } from './change.messages.ts';

/** The change registrations waiting in the caller's regions, before and after side by side. */
export function ChangeQueue() {
  const t = useMessages(changeMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState<OrgChangeView | null>(null);
  const q = useQuery({
    queryKey: ['org-change-review'],
    queryFn: ({ signal }) => changeQueue(1, 50, signal),
  });
  const done = (msg: string) => {
    void message.success(msg);
    void qc.invalidateQueries({ queryKey: ['org-change-review'] });
    void qc.invalidateQueries({ queryKey: ['organization'] });
    void qc.invalidateQueries({ queryKey: ['organizations'] });
  };
  const approve = useMutation({
    mutationFn: (c: OrgChangeView) => reviewChange(c, 'approve'),
    onSuccess: () => done(t.approvedDone),
    onError: (e) => void message.error(e.message),
  });

  return (
    <Card title={<span data-testid="change-queue-title">{t.queueTitle}</span>}>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<OrgChangeView>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={q.data?.items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="change-queue"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.queueEmpty} /> }}
          columns={[
            {
              title: t.organization,
              key: 'org',
              render: (_, c) => <Link to={`/organizations/${c.orgId}`}>{c.orgName}</Link>,
            },
            { title: `${t.before} → ${t.after}`, key: 'diff', render: (_, c) => <ChangeDiff change={c} /> },
            {
              title: t.note,
              dataIndex: 'note',
              render: (n: string | null) => <Typography.Text>{n ?? ''}</Typography.Text>,
            },
            { title: t.requestedAt, dataIndex: 'requestedAt', render: (at: string) => formatTime(at) },
            {
              title: '',
              key: 'actions',
              render: (_, c) => (
                <Space wrap size={4}>
                  <Popconfirm
                    title={fmt(t.approveConfirm, { name: c.orgName })}
                    okText={t.approve}
                    cancelText={t.cancel}
                    okButtonProps={{ loading: approve.isPending }}
                    onConfirm={() => approve.mutateAsync(c).catch(() => undefined)}
                  >
                    <Button size="small" type="primary" data-testid="approve-change">
                      {t.approve}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setRejecting(c)} data-testid="reject-change">
                    {t.reject}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <ReasonModal
        open={Boolean(rejecting)}
        title={fmt(t.rejectTitle, { name: rejecting?.orgName ?? '' })}
        label={t.rejectReason}
        hint={t.rejectReasonHint}
        requiredMessage={t.rejectReasonRequired}
        okText={t.reject}
        onSubmit={async (reason) => {
          await reviewChange(rejecting!, 'reject', reason);
          done(t.rejectedDone);
        }}
        onClose={() => setRejecting(null)}
      />
    </Card>
  );
}
