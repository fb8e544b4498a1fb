import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { VERIFICATION_STATUSES } from '@yiqi/shared/contracts/volunteers';
import { DOCUMENT_NAMES } from '@yiqi/shared/identity/documents';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { QueryTable } from '../../common/PagedTable.tsx';
import { useListAddress } from '../../common/useListAddress.ts';
import { CategoryTags } from '../../common/CategoryTags.tsx';
import { ExportButton } from '../../common/ExportButton.tsx';
import { urlSafeFilter } from './url-safe.ts';
import { FilterPanel } from '../../common/FilterPanel.tsx';
import { commonMessages } from '../../common/messages.ts';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ReplicaLagNotice } from '../../common/ReplicaLagNotice.tsx';
import { volunteerMessages } from '../messages.ts';
import { VerificationTag } from '../VerificationTag.tsx';
import {
  EXPORT_PATH,
  listVolunteers,
  type Verification,
  type VolunteerFilter,
  type VolunteerRow,
} from './api.ts';
import { staffMessages } from './messages.ts';
import { VolunteerDrawer } from './VolunteerDrawer.tsx';
import { VolunteerFilters } from './VolunteerFilters.tsx';

const KEYS = ['q', 'verification', 'category', 'region'] as const;

function filterOf(p: URLSearchParams): VolunteerFilter {
  const ver = p.get('verification');
  return {
    q: p.get('q') ?? undefined,
    verification:
      ver && (VERIFICATION_STATUSES as readonly string[]).includes(ver) ? (ver as Verification) : undefined,
    category: p.get('category') ?? undefined,
    region: p.get('region') ?? undefined,
  };
}

/** /volunteers — volunteers living in the caller's area: search, filter, page (masked), export, details. */
export default function VolunteerSearchPage() {
  const t = useMessages(staffMessages);
  const v = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const { params, page, pageSize, go } = useListAddress(KEYS, 20);
  const filter = filterOf(params);
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['volunteers', filter, page, pageSize],
    queryFn: ({ signal }) => listVolunteers(filter, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<VolunteerRow> = [
    {
      title: v.name,
      key: 'name',
      render: (_, r) => (
        <Flex vertical align="flex-start">
          <Button
            type="link"
            style={{ padding: 0, height: 'auto' }}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(r.id);
            }}
          >
            {r.name}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {r.volunteerNo}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: v.verification,
      dataIndex: 'verificationStatus',
      render: (s: VolunteerRow['verificationStatus']) => <VerificationTag status={s} />,
    },
    {
      title: v.gender,
      key: 'ga',
      responsive: ['sm'],
      render: (_, r) =>
        [r.gender ? v[r.gender] : null, r.age !== null ? fmt(v.ageValue, { n: r.age }) : null]
          .filter(Boolean)
          .join(' · '),
    },
    {
      title: t.document,
      key: 'doc',
      responsive: ['lg'],
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text code>{r.docNumberMasked ?? '—'}</Typography.Text>
          {r.docType && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {text(DOCUMENT_NAMES[r.docType])}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t.phone, dataIndex: 'phoneMasked', responsive: ['md'], render: (p: string | null) => p ?? '—' },
    { title: t.region, dataIndex: 'regionName', responsive: ['md'] },
    {
      title: c.categories,
      key: 'cat',
      responsive: ['xl'],
      render: (_, r) => <CategoryTags codes={r.categories} max={2} />,
    },
    {
      title: t.registeredAt,
      dataIndex: 'createdAt',
      responsive: ['xl'],
      render: (at: string) => formatTime(at).slice(0, 10),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.listTitle}
        extra={
          <ExportButton path={EXPORT_PATH} query={{ ...urlSafeFilter(filter) }} fileName="volunteers.xlsx" />
        }
      />
      <FilterPanel active={KEYS.filter((k) => filter[k]).length}>
        <VolunteerFilters value={filter} onChange={(f) => go(f)} />
      </FilterPanel>
      <ReplicaLagNotice path="/api/volunteers/search" />
      <Card>
        <QueryTable
          query={q}
          columns={columns}
          page={page}
          pageSize={pageSize}
          onPage={(p, s) => go(filter, p, s)}
          empty={t.empty}
          onRowClick={(r) => setOpen(r.id)}
        />
      </Card>
      <VolunteerDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
