import { Card, Flex, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { coverage, TRAINING_KEY } from '../api.ts';
import { trainingMessages } from '../messages.ts';
import { useQualificationTypes } from '../useTypes.ts';

interface Row {
  key: string;
  name: string;
  counts: Record<string, number>;
}

/** /training/coverage (console) — holders of each valid qualification, by region and by organization. */
export default function CoveragePage() {
  const t = useMessages(trainingMessages);
  const { items, locale } = useQualificationTypes();
  const q = useQuery({ queryKey: [...TRAINING_KEY, 'coverage'], queryFn: () => coverage({}) });
  const columns = [
    { title: t.unitName, dataIndex: 'name', fixed: 'left' as const, width: 180 },
    ...items.map((x) => ({
      title: x.names[locale],
      key: x.code,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.counts[x.code] ?? 0,
    })),
  ];
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const totals: Row = {
    key: 'total',
    name: t.total,
    counts: Object.fromEntries((d?.totals ?? []).map((x) => [x.code, x.holders])),
  };
  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.coverageTitle} />
      {d && (
        <Typography.Text type="secondary">{fmt(t.coverageScope, { name: d.scope.name })}</Typography.Text>
      )}
      {d?.scope.type === 'region' && (
        <Card size="small" title={t.byRegion}>
          <Table<Row>
            rowKey="key"
            size="small"
            loading={q.isFetching}
            pagination={false}
            scroll={{ x: 180 + 100 * items.length }}
            dataSource={[...d.byRegion.map((r) => ({ key: r.code, name: r.name, counts: r.counts })), totals]}
            columns={columns}
          />
        </Card>
      )}
      <Card size="small" title={t.byOrganization}>
        <Table<Row>
          rowKey="key"
          size="small"
          loading={q.isFetching}
          pagination={false}
          scroll={{ x: 180 + 100 * items.length }}
          dataSource={(d?.byOrganization ?? []).map((r) => ({ key: r.id, name: r.name, counts: r.counts }))}
          columns={columns}
        />
      </Card>
    </Flex>
  );
}
