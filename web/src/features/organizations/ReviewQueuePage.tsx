import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { QueryTable } from '../common/PagedTable.tsx';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { commonMessages } from '../common/messages.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { reviewOrganization, reviewQueue, type OrganizationRow } from './api.ts';
import { ChangeQueue } from './ChangeQueue.tsx';
import { orgMessages } from './messages.ts';
import { OrgDrawer } from './OrgDrawer.tsx';
import { orgAdminMessages } from './review.messages.ts';
import { useOrgTypeName } from './tags.tsx';

/**
 * /org-review — pending registrations in the caller's regions, oldest first: approve, or reject with a
 * reason; below them the change registrations (变更登记) waiting, reviewed the same way.
 */
export default function ReviewQueuePage() {
  const t = useMessages(orgAdminMessages);
  const o = useMessages(orgMessages);
  const c = useMessages(commonMessages);
  const typeName = useOrgTypeName();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const [viewing, setViewing] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<OrganizationRow | null>(null);
  const q = useQuery({
    queryKey: ['org-review', page, pageSize],
    queryFn: ({ signal }) => reviewQueue(page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
  const done = (msg: string) => {
    void message.success(msg);
    setViewing(null);
    void qc.invalidateQueries({ queryKey: ['org-review'] });
    void qc.invalidateQueries({ queryKey: ['organizations'] });
    void qc.invalidateQueries({ queryKey: ['organization'] });
  };
  const approve = useMutation({
    mutationFn: (id: string) => reviewOrganization(id, 'approve'),
    onSuccess: () => done(t.approved),
    onError: (e) => void message.error(e.message),
  });
  const byId = (id: string | null) => q.data?.items.find((r) => r.id === id);

  const actions = (r: OrganizationRow, size: 'small' | 'middle' = 'small') => (
    <Space wrap size={4}>
      <Popconfirm
        title={fmt(t.approveConfirm, { name: r.name })}
        description={t.approveNote}
        okText={t.approve}
        cancelText={t.cancel}
        okButtonProps={{ loading: approve.isPending }}
        onConfirm={() => approve.mutateAsync(r.id).catch(() => undefined)}
      >
        <Button size={size} type="primary" data-testid="approve-org">
          {t.approve}
        </Button>
      </Popconfirm>
      <Button size={size} danger onClick={() => setRejecting(r)}>
        {t.reject}
      </Button>
    </Space>
  );

  const columns: ColumnsType<OrganizationRow> = [
    {
      title: o.name,
      key: 'name',
      render: (_, r) => (
        <Flex vertical align="flex-start">
          <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setViewing(r.id)}>
            {r.name}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeName(r.orgType)} · {r.uscc ?? r.hostUnit}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: o.region, dataIndex: 'regionName', responsive: ['sm'] },
    { title: o.personInCharge, dataIndex: 'personInCharge', responsive: ['lg'] },
    {
      title: c.categories,
      key: 'cat',
      responsive: ['xl'],
      render: (_, r) => <CategoryTags codes={r.categories} max={3} />,
    },
    {
      title: o.createdAt,
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (at: string) => formatTime(at),
    },
    { title: c.actions, key: 'actions', render: (_, r) => actions(r) },
  ];
  const current = byId(viewing);

  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.reviewTitle} />
      <Typography.Text type="secondary">{t.reviewIntro}</Typography.Text>
      <Card>
        <QueryTable
          query={q}
          columns={columns}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => setParams(new URLSearchParams({ page: String(p), size: String(s) }))}
          empty={t.reviewEmpty}
        />
      </Card>
      <ChangeQueue />
      <OrgDrawer
        id={viewing}
        onClose={() => setViewing(null)}
        footer={current ? <Flex justify="flex-end">{actions(current, 'middle')}</Flex> : null}
      />
      <ReasonModal
        open={Boolean(rejecting)}
        title={fmt(t.rejectTitle, { name: rejecting?.name ?? '' })}
        label={t.rejectReason}
        hint={t.rejectReasonHint}
        requiredMessage={t.rejectReasonRequired}
        okText={t.reject}
        onSubmit={async (reason) => {
          await reviewOrganization(rejecting!.id, 'reject', reason);
          done(t.rejected);
        }}
        onClose={() => setRejecting(null)}
      />
    </Flex>
  );
}
