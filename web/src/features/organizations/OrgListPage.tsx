import { Card, Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ORG_STATUSES, ORG_TYPES } from '@yiqi/shared/contracts/organizations';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { QueryTable } from '../common/PagedTable.tsx';
import { useListAddress } from '../common/useListAddress.ts';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { ExportButton } from '../common/ExportButton.tsx';
import { FilterPanel } from '../common/FilterPanel.tsx';
import { commonMessages } from '../common/messages.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReplicaLagNotice } from '../common/ReplicaLagNotice.tsx';
import { EXPORT_PATH, listOrganizations, type OrganizationRow, type OrgFilter } from './api.ts';
import { dissolveMessages } from './dissolve.messages.ts';
import { orgMessages } from './messages.ts';
import { OrgFilters } from './OrgFilters.tsx';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag, useOrgTypeName } from './tags.tsx';

const KEYS = ['q', 'status', 'orgType', 'category', 'region'] as const;

function filterOf(p: URLSearchParams): OrgFilter {
  const pick = <T extends string>(k: string, allowed: readonly T[]) => {
    const v = p.get(k);
    return v && allowed.includes(v as T) ? (v as T) : undefined;
  };
  return {
    q: p.get('q') ?? undefined,
    status: pick('status', ORG_STATUSES),
    orgType: pick('orgType', ORG_TYPES),
    category: p.get('category') ?? undefined,
    region: p.get('region') ?? undefined,
  };
}

/** /organizations — organizations in the caller's regions: filter, page, export; a row opens its page. */
export default function OrgListPage() {
  const t = useMessages(orgAdminMessages);
  const o = useMessages(orgMessages);
  const c = useMessages(commonMessages);
  const d = useMessages(dissolveMessages);
  const typeName = useOrgTypeName();
  const navigate = useNavigate();
  const { params, page, pageSize, go } = useListAddress(KEYS, 20);
  const filter = filterOf(params);
  const q = useQuery({
    queryKey: ['organizations', filter, page, pageSize],
    queryFn: ({ signal }) => listOrganizations(filter, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<OrganizationRow> = [
    {
      title: o.name,
      key: 'name',
      render: (_, r) => (
        <Flex vertical>
          <Link to={`/organizations/${r.id}`} onClick={(e) => e.stopPropagation()}>
            {r.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {typeName(r.orgType)}
            {r.levelBody ? ` · ${o.levelBody}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: o.status,
      dataIndex: 'status',
      render: (s: OrganizationRow['status'], r) => (
        <Flex vertical align="flex-start" gap={2}>
          <OrgStatusTag status={s} />
          {r.successorName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmt(d.successorShort, { name: r.successorName })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: o.region, dataIndex: 'regionName', responsive: ['sm'] },
    {
      title: `${o.uscc} / ${o.hostUnit}`,
      key: 'id',
      responsive: ['lg'],
      render: (_, r) => (r.uscc ? <Typography.Text code>{r.uscc}</Typography.Text> : r.hostUnit),
    },
    { title: o.activeMembers, dataIndex: 'activeMembers', align: 'right', responsive: ['md'] },
    {
      title: c.categories,
      key: 'cat',
      responsive: ['xl'],
      render: (_, r) => <CategoryTags codes={r.categories} max={2} />,
    },
    {
      title: o.createdAt,
      dataIndex: 'createdAt',
      responsive: ['xl'],
      render: (at: string) => formatTime(at).slice(0, 10),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.listTitle}
        extra={<ExportButton path={EXPORT_PATH} query={{ ...filter }} fileName="organizations.xlsx" />}
      />
      <FilterPanel active={KEYS.filter((k) => filter[k]).length}>
        <OrgFilters value={filter} onChange={(f) => go(f)} />
      </FilterPanel>
      <ReplicaLagNotice path="/api/organizations" />
      <Card>
        <QueryTable
          query={q}
          columns={columns}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => go(filter, p, s)}
          onRowClick={(r) => navigate(`/organizations/${r.id}`)}
        />
      </Card>
    </Flex>
  );
}
