import { Button, Card, Flex, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useEffect } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { QueryTable } from '../common/PagedTable.tsx';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { commonMessages } from '../common/messages.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ME_KEY } from '../../lib/query.ts';
import { useCurrentUser } from '../auth/session.ts';
import { listMyRegistrations, type MyRegistration } from './api.ts';
import { CopyJoinLink } from './CopyJoinLink.tsx';
import { orgMessages } from './messages.ts';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag, useOrgTypeName } from './tags.tsx';

/** /my-organizations — registrations I submitted and how their review went. */
export default function MyOrgsPage() {
  const t = useMessages(orgAdminMessages);
  const o = useMessages(orgMessages);
  const c = useMessages(commonMessages);
  const typeName = useOrgTypeName();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const q = useQuery({
    queryKey: ['my-organizations', page, pageSize],
    queryFn: ({ signal }) => listMyRegistrations(page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
  // An approval made the user an admin of the organization: learn the new role without signing in again.
  const me = useCurrentUser();
  const qc = useQueryClient();
  const unknown = q.data?.items.some(
    (r) => r.status === 'approved' && !me.roles.some((g) => g.scopeId === r.id),
  );
  useEffect(() => {
    if (unknown) void qc.invalidateQueries({ queryKey: ME_KEY });
  }, [unknown, qc]);

  const columns: ColumnsType<MyRegistration> = [
    {
      title: o.name,
      key: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeName(r.orgType)} · {r.regionName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: o.status,
      key: 'status',
      render: (_, r) => (
        <Flex vertical gap={4} align="flex-start" style={{ maxWidth: 280 }}>
          <OrgStatusTag status={r.status} />
          {r.status === 'rejected' && r.reviewReason && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {fmt(t.rejectedBecause, { reason: r.reviewReason })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: c.categories,
      key: 'cat',
      responsive: ['lg'],
      render: (_, r) => <CategoryTags codes={r.categories} max={3} />,
    },
    {
      title: o.createdAt,
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (at: string) => formatTime(at),
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, r) =>
        r.status === 'approved' ? (
          <Space wrap size={4}>
            <CopyJoinLink id={r.id} name={r.name} />
            <Button
              size="small"
              icon={<TeamOutlined aria-hidden />}
              onClick={() => navigate(`/members?org=${r.id}`)}
            >
              {t.manageMembers}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.mineTitle}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => navigate('/my-organizations/new')}
            data-testid="new-org"
          >
            {t.newOrg}
          </Button>
        }
      />
      <Typography.Text type="secondary">{t.approvedNote}</Typography.Text>
      <Card>
        <QueryTable
          query={q}
          columns={columns}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => setParams(new URLSearchParams({ page: String(p), size: String(s) }))}
          empty={t.emptyMine}
        />
      </Card>
    </Flex>
  );
}
